/** Repayments over HTTP: recording, allocation, the 409/422/403 rules, concurrency and reversal. */
import { newId } from '@platform/libs/ids';
import { loans } from '@platform/loans/repositories/loans';
import { repayments } from '@platform/loans/repositories/repayments';
import { clockNow } from '@platform/loans/domain/clock';
import { recordRepayment } from '@platform/loans/domain/repayment-changes';
import { api, expectData } from '../../../../test/support/http';
import {
  activeLoan,
  application,
  as,
  borrower,
  cast,
  dbCalls,
  idempotencyKey,
  key,
  money,
  type Cast,
  type RepaymentRequest,
  repay,
  repayPatiently,
} from '../../../../test/support/loans';

let people: Cast;
beforeAll(async () => {
  people = await cast();
});

const EUR = 'EUR';
const loanPath = (loanId: string) => ({ path: { loanId } });
const repaymentPath = (repaymentId: string) => ({ path: { repaymentId } });
const schedule = async (loanId: string) => expectData(await as(people.accountant).GET('/loans/{loanId}/schedule', { params: loanPath(loanId) }), 200);
const reverse = (repaymentId: string, reason: string) =>
  as(people.accountant).POST('/repayments/{repaymentId}/reverse', { params: repaymentPath(repaymentId), body: { reason } });

describe('recording a repayment', () => {
  it('allocates interest then principal of the oldest installment, in at most 3 DynamoDB calls', async () => {
    const loan = await activeLoan(people, EUR);
    const reply = await repay(people, loan.id, 2000, EUR);
    expect(reply.response.status).toBe(201);
    expect(dbCalls(reply.response)).toBeLessThanOrEqual(3);
    expect(reply.data).toMatchObject({
      repayment: { loanId: loan.id, amount: money(2000, EUR), paidOn: '2024-02-01', method: 'bank_transfer', status: 'recorded' },
      allocation: { interest: money(184, EUR), principal: money(1816, EUR) },
      loan: { outstanding: money(8353, EUR), status: 'active' },
    });
    const rows = (await schedule(loan.id)).installments;
    expect(rows[0]).toMatchObject({ paid: money(1725, EUR), outstanding: money(0, EUR), daysOverdue: 0 });
    expect(rows[1]).toMatchObject({ paid: money(275, EUR), outstanding: money(1450, EUR) });
    const history = (await as(people.borrower).GET('/loans/{loanId}/history', { params: loanPath(loan.id) })).data?.items;
    expect(history?.at(-1)).toMatchObject({
      action: 'repayment',
      amount: money(2000, EUR),
      actor: { userId: people.accountant.userId },
      details: { repaymentId: reply.data?.repayment.id },
    });
  });

  it('replays the first result for a repeated Idempotency-Key, 422 with another body, 400 without one', async () => {
    const loan = await activeLoan(people, EUR);
    const params = { header: idempotencyKey() };
    const body: RepaymentRequest = { loanId: loan.id, amount: money(500, EUR), paidOn: '2024-02-01', method: 'cash' };
    const first = await as(people.accountant).POST('/repayments', { params, body });
    const again = await as(people.accountant).POST('/repayments', { params, body });
    const other = await as(people.accountant).POST('/repayments', { params, body: { ...body, amount: money(501, EUR) } });
    expect([first.response.status, again.response.status, other.response.status]).toEqual([201, 201, 422]);
    expect(again.data).toEqual(first.data);
    expect((await schedule(loan.id)).outstanding).toEqual(money(10_353 - 500, EUR));
    // the typed client requires the header: a request without it is sent as-is
    expect((await api('POST', '/repayments', { token: people.accountant.token, body })).status).toBe(400);
  });

  it.each([
    ['more than is owed', 10_354, EUR, '2024-02-01', 'OVERPAYMENT'],
    ['in another currency', 100, 'USD', '2024-02-01', 'CURRENCY_MISMATCH'],
    ['dated before disbursement', 100, EUR, '2023-12-31', 'PAID_ON_BEFORE_DISBURSEMENT'],
    ['dated in the future', 100, EUR, '2099-01-01', 'PAID_ON_IN_FUTURE'],
  ])('refuses a payment %s with 422', async (_what, amount, currency, paidOn, code) => {
    const loan = await activeLoan(people, EUR);
    const reply = await repay(people, loan.id, amount, currency, paidOn);
    expect([reply.response.status, reply.error?.error.code]).toEqual([422, code]);
    expect((await schedule(loan.id)).outstanding).toEqual(money(10_353, EUR));
  });

  it('is 409 LOAN_NOT_DISBURSED on a loan not yet active, and 404 for no loan', async () => {
    const applied = expectData(await as(people.borrower).POST('/loans/apply', { params: { header: idempotencyKey() }, body: application(EUR) }), 201);
    const reply = await repay(people, applied.id, 100, EUR);
    expect([reply.response.status, reply.error?.error.code]).toEqual([409, 'LOAN_NOT_DISBURSED']);
    expect((await repay(people, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 100, EUR)).response.status).toBe(404);
  });

  it('is for accountants and admins only (403)', async () => {
    const loan = await activeLoan(people, EUR);
    const body: RepaymentRequest = { loanId: loan.id, amount: money(100, EUR), paidOn: '2024-02-01', method: 'cash' };
    expect((await as(people.borrower).POST('/repayments', { params: { header: idempotencyKey() }, body })).response.status).toBe(403);
    expect((await as(people.officer).POST('/repayments', { params: { header: idempotencyKey() }, body })).response.status).toBe(403);
    expect((await as(people.admin).POST('/repayments', { params: { header: idempotencyKey() }, body })).response.status).toBe(201);
  });
});

// Up to 20 cold Lambda workers at once: generous on a busy machine.
const CONCURRENT_TIMEOUT_MS = 180_000;

describe('concurrency', () => {
  it(
    '20 concurrent repayments on one loan lose no update: the sum is exact',
    async () => {
      const loan = await activeLoan(people, EUR);
      const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => repayPatiently(people, loan.id, 100 + i, EUR)));
      expect(replies.map((r) => r.response.status)).toEqual(Array(20).fill(201));
      const paid = Array.from({ length: 20 }, (_, i) => 100 + i).reduce((a, b) => a + b, 0);
      const view = await schedule(loan.id);
      expect(view.outstanding).toEqual(money(10_353 - paid, EUR));
      expect(view.installments.reduce((sum, row) => sum + row.paid.amount, 0)).toBe(paid);
      const listed = (await as(people.accountant).GET('/repayments', { params: { query: { loanId: loan.id, limit: 100 } } })).data?.items;
      expect(listed).toHaveLength(20);
      expect((await as(people.accountant).GET('/loans/{loanId}', { params: loanPath(loan.id) })).data?.version).toBe(3 + 20);
    },
    CONCURRENT_TIMEOUT_MS,
  );

  it(
    '20 writers racing in one process on DynamoDB Local: version clashes are retried, nothing is lost',
    async () => {
      const loan = await activeLoan(people, EUR);
      const actor = { userId: people.accountant.userId, roles: ['user', 'accountant'] };
      let decisions = 0;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          loans.update(loan.id, (current) => {
            decisions += 1;
            const write = recordRepayment(
              current,
              newId(),
              actor,
              { loanId: loan.id, amount: money(50, EUR), paidOn: '2024-02-01', method: 'cash' },
              clockNow(),
            );
            return { ...write, items: [repayments.recordItem(write.repayment)] };
          }),
        ),
      );
      // On a very busy machine a writer may give up with 409 CONCURRENT_UPDATE (nothing written);
      // whatever committed is all there, exactly once.
      const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as { code?: string }).code);
      expect(refused.every((code) => code === 'CONCURRENT_UPDATE')).toBe(true);
      expect(committed).toBeGreaterThan(0);
      expect(decisions).toBeGreaterThan(20); // they really did collide
      expect((await schedule(loan.id)).outstanding).toEqual(money(10_353 - committed * 50, EUR));
      expect((await as(people.accountant).GET('/loans/{loanId}', { params: loanPath(loan.id) })).data?.version).toBe(3 + committed);
    },
    CONCURRENT_TIMEOUT_MS,
  );

  it(
    'two requests racing with one Idempotency-Key make one payment, and both answer it',
    async () => {
      const loan = await activeLoan(people, EUR);
      const sameKey = key();
      const [a, b] = await Promise.all([1, 2].map(() => repayPatiently(people, loan.id, 700, EUR, sameKey)));
      expect([a.response.status, b.response.status]).toEqual([201, 201]);
      expect(a.data).toEqual(b.data);
      expect((await schedule(loan.id)).outstanding).toEqual(money(10_353 - 700, EUR));
    },
    CONCURRENT_TIMEOUT_MS,
  );

  it(
    'two reversals racing on one repayment: one restores the balance, the other is 409 ALREADY_REVERSED',
    async () => {
      const loan = await activeLoan(people, EUR);
      const paid = expectData(await repay(people, loan.id, 900, EUR), 201).repayment;
      const replies = await Promise.all([1, 2].map(() => reverse(paid.id, 'duplicate click')));
      expect(replies.map((r) => r.response.status).sort()).toEqual([200, 409]);
      expect(replies.find((r) => r.response.status === 409)?.error?.error.code).toBe('ALREADY_REVERSED');
      expect((await schedule(loan.id)).outstanding).toEqual(money(10_353, EUR));
    },
    CONCURRENT_TIMEOUT_MS,
  );

  it(
    'concurrent payments that together exceed what is owed never overpay',
    async () => {
      const loan = await activeLoan(people, EUR, 1000);
      const owed = (await schedule(loan.id)).outstanding.amount;
      const third = Math.floor(owed / 3) + 1; // two fit, a third would overpay
      const replies = await Promise.all(Array.from({ length: 5 }, () => repayPatiently(people, loan.id, third, EUR)));
      const accepted = replies.filter((r) => r.response.status === 201).length;
      expect(accepted).toBe(2);
      expect(replies.filter((r) => r.response.status === 422).every((r) => r.error?.error.code === 'OVERPAYMENT')).toBe(true);
      expect((await schedule(loan.id)).outstanding.amount).toBe(owed - 2 * third);
    },
    CONCURRENT_TIMEOUT_MS,
  );
});

describe('closing and reversing', () => {
  it('the final payment closes the loan; reversing it reopens the loan and restores the schedule', async () => {
    const loan = await activeLoan(people, EUR);
    const before = await schedule(loan.id);
    const closing = expectData(await repay(people, loan.id, 10_353, EUR), 201);
    expect(closing.loan).toEqual(expect.objectContaining({ outstanding: money(0, EUR), status: 'closed' }));
    expect((await repay(people, loan.id, 1, EUR)).error?.error.code).toBe('LOAN_CLOSED');

    const reversed = await reverse(closing.repayment.id, 'cheque bounced');
    expect(reversed.response.status).toBe(200);
    expect(reversed.data).toMatchObject({
      repayment: { status: 'reversed', reversal: { reason: 'cheque bounced' } },
      loan: { status: 'active', outstanding: money(10_353, EUR) },
    });
    expect(await schedule(loan.id)).toEqual(before);
    const history = (await as(people.accountant).GET('/loans/{loanId}/history', { params: loanPath(loan.id) })).data?.items.map((h) => h.action);
    expect(history?.slice(-4)).toEqual(['repayment', 'close', 'repayment_reversed', 'reopen']);

    const twice = await reverse(closing.repayment.id, 'again');
    expect([twice.response.status, twice.error?.error.code]).toEqual([409, 'ALREADY_REVERSED']);
    expect((await as(people.accountant).GET('/repayments/{repaymentId}', { params: repaymentPath(closing.repayment.id) })).data).toMatchObject({
      status: 'reversed',
    });
  });

  it('a reversal needs a reason (400) and a cashier (403)', async () => {
    const loan = await activeLoan(people, EUR);
    const paid = expectData(await repay(people, loan.id, 100, EUR), 201).repayment;
    // a reversal without its reason does not type-check: sent as-is
    const token = people.accountant.token;
    expect((await api('POST', `/repayments/${paid.id}/reverse`, { token, body: {} })).status).toBe(400);
    expect((await api('POST', `/repayments/${paid.id}/reverse`, { token })).status).toBe(400);
    expect(
      (await as(people.officer).POST('/repayments/{repaymentId}/reverse', { params: repaymentPath(paid.id), body: { reason: 'x' } })).response.status,
    ).toBe(403);
  });
});

describe('reading repayments', () => {
  it("lets the borrower read their own loan's repayments; others get 404; staff read all", async () => {
    const loan = await activeLoan(people, EUR);
    const paid = expectData(await repay(people, loan.id, 300, EUR), 201).repayment;
    const ofLoan = { query: { loanId: loan.id } };
    const list = await as(people.borrower).GET('/repayments', { params: ofLoan });
    expect(list.response.status).toBe(200);
    expect(dbCalls(list.response)).toBeLessThanOrEqual(2);
    expect(list.data).toEqual({ items: [paid], nextCursor: null });
    const one = await as(people.borrower).GET('/repayments/{repaymentId}', { params: repaymentPath(paid.id) });
    expect([one.response.status, dbCalls(one.response) <= 2]).toEqual([200, true]);
    expect(one.data).toEqual(paid);
    const stranger = await borrower();
    expect((await as(stranger).GET('/repayments', { params: ofLoan })).response.status).toBe(404);
    expect((await as(stranger).GET('/repayments/{repaymentId}', { params: repaymentPath(paid.id) })).response.status).toBe(404);
    expect((await as(people.officer).GET('/repayments/{repaymentId}', { params: repaymentPath(paid.id) })).response.status).toBe(200);
    // the list without its loanId does not type-check: sent as-is
    expect((await api('GET', '/repayments', { token: people.officer.token })).status).toBe(400);
  });
});
