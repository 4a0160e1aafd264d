/** Repayments over HTTP: recording, allocation, the 409/422/403 rules, concurrency and reversal. */
import { newId } from '@platform/libs/ids';
import { loans } from '@platform/loans/repositories/loans';
import { repayments } from '@platform/loans/repositories/repayments';
import { clockNow } from '@platform/loans/domain/clock';
import { recordRepayment } from '@platform/loans/domain/repayment-changes';
import { activeLoan, application, as, borrower, cast, dbCalls, key, money, repay, repayPatiently, type Cast } from '../../../../test/support/loans';

let people: Cast;
beforeAll(async () => {
  people = await cast();
});

const EUR = 'EUR';
const schedule = async (loanId: string) => (await as(people.accountant, 'GET', `/loans/${loanId}/schedule`)).body;

describe('recording a repayment', () => {
  it('allocates interest then principal of the oldest installment, in at most 3 DynamoDB calls', async () => {
    const loan = await activeLoan(people, EUR);
    const reply = await repay(people, loan.id, 2000, EUR);
    expect(reply.status).toBe(201);
    expect(dbCalls(reply)).toBeLessThanOrEqual(3);
    expect(reply.body).toMatchObject({
      repayment: { loanId: loan.id, amount: money(2000, EUR), paidOn: '2024-02-01', method: 'bank_transfer', status: 'recorded' },
      allocation: { interest: money(184, EUR), principal: money(1816, EUR) },
      loan: { outstanding: money(8353, EUR), status: 'active' },
    });
    const rows = (await schedule(loan.id)).installments;
    expect(rows[0]).toMatchObject({ paid: money(1725, EUR), outstanding: money(0, EUR), daysOverdue: 0 });
    expect(rows[1]).toMatchObject({ paid: money(275, EUR), outstanding: money(1450, EUR) });
    const history = (await as(people.borrower, 'GET', `/loans/${loan.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      action: 'repayment',
      amount: money(2000, EUR),
      actor: { userId: people.accountant.userId },
      details: { repaymentId: reply.body.repayment.id },
    });
  });

  it('replays the first result for a repeated Idempotency-Key, 422 with another body, 400 without one', async () => {
    const loan = await activeLoan(people, EUR);
    const headers = { 'idempotency-key': key() };
    const body = { loanId: loan.id, amount: money(500, EUR), paidOn: '2024-02-01', method: 'cash' };
    const first = await as(people.accountant, 'POST', '/repayments', { body, headers });
    const again = await as(people.accountant, 'POST', '/repayments', { body, headers });
    const other = await as(people.accountant, 'POST', '/repayments', { body: { ...body, amount: money(501, EUR) }, headers });
    expect([first.status, again.status, other.status]).toEqual([201, 201, 422]);
    expect(again.body).toEqual(first.body);
    expect((await schedule(loan.id)).outstanding).toEqual(money(10_353 - 500, EUR));
    expect((await as(people.accountant, 'POST', '/repayments', { body })).status).toBe(400);
  });

  it.each([
    ['more than is owed', 10_354, EUR, '2024-02-01', 'OVERPAYMENT'],
    ['in another currency', 100, 'USD', '2024-02-01', 'CURRENCY_MISMATCH'],
    ['dated before disbursement', 100, EUR, '2023-12-31', 'PAID_ON_BEFORE_DISBURSEMENT'],
    ['dated in the future', 100, EUR, '2999-01-01', 'PAID_ON_IN_FUTURE'],
  ])('refuses a payment %s with 422', async (_what, amount, currency, paidOn, code) => {
    const loan = await activeLoan(people, EUR);
    const reply = await repay(people, loan.id, amount, currency, paidOn);
    expect([reply.status, reply.body.error.code]).toEqual([422, code]);
    expect((await schedule(loan.id)).outstanding).toEqual(money(10_353, EUR));
  });

  it('is 409 LOAN_NOT_DISBURSED on a loan not yet active, and 404 for no loan', async () => {
    const applied = (await as(people.borrower, 'POST', '/loans/apply', { idempotent: true, body: application(EUR) })).body;
    const reply = await repay(people, applied.id, 100, EUR);
    expect([reply.status, reply.body.error.code]).toEqual([409, 'LOAN_NOT_DISBURSED']);
    expect((await repay(people, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 100, EUR)).status).toBe(404);
  });

  it('is for accountants and admins only (403)', async () => {
    const loan = await activeLoan(people, EUR);
    const body = { loanId: loan.id, amount: money(100, EUR), paidOn: '2024-02-01', method: 'cash' };
    expect((await as(people.borrower, 'POST', '/repayments', { idempotent: true, body })).status).toBe(403);
    expect((await as(people.officer, 'POST', '/repayments', { idempotent: true, body })).status).toBe(403);
    expect((await as(people.admin, 'POST', '/repayments', { idempotent: true, body })).status).toBe(201);
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
      expect(replies.map((r) => r.status)).toEqual(Array(20).fill(201));
      const paid = Array.from({ length: 20 }, (_, i) => 100 + i).reduce((a, b) => a + b, 0);
      const view = await schedule(loan.id);
      expect(view.outstanding).toEqual(money(10_353 - paid, EUR));
      expect(view.installments.reduce((sum: number, row: any) => sum + row.paid.amount, 0)).toBe(paid);
      const listed = (await as(people.accountant, 'GET', `/repayments?loanId=${loan.id}&limit=100`)).body.items;
      expect(listed).toHaveLength(20);
      expect((await as(people.accountant, 'GET', `/loans/${loan.id}`)).body.version).toBe(3 + 20);
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
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason.code);
      expect(refused.every((code) => code === 'CONCURRENT_UPDATE')).toBe(true);
      expect(committed).toBeGreaterThan(0);
      expect(decisions).toBeGreaterThan(20); // they really did collide
      expect((await schedule(loan.id)).outstanding).toEqual(money(10_353 - committed * 50, EUR));
      expect((await as(people.accountant, 'GET', `/loans/${loan.id}`)).body.version).toBe(3 + committed);
    },
    CONCURRENT_TIMEOUT_MS,
  );

  it(
    'two requests racing with one Idempotency-Key make one payment, and both answer it',
    async () => {
      const loan = await activeLoan(people, EUR);
      const sameKey = key();
      const [a, b] = await Promise.all([1, 2].map(() => repayPatiently(people, loan.id, 700, EUR, sameKey)));
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body).toEqual(b.body);
      expect((await schedule(loan.id)).outstanding).toEqual(money(10_353 - 700, EUR));
    },
    CONCURRENT_TIMEOUT_MS,
  );

  it(
    'two reversals racing on one repayment: one restores the balance, the other is 409 ALREADY_REVERSED',
    async () => {
      const loan = await activeLoan(people, EUR);
      const paid = (await repay(people, loan.id, 900, EUR)).body.repayment;
      const replies = await Promise.all(
        [1, 2].map(() => as(people.accountant, 'POST', `/repayments/${paid.id}/reverse`, { body: { reason: 'duplicate click' } })),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_REVERSED');
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
      const accepted = replies.filter((r) => r.status === 201).length;
      expect(accepted).toBe(2);
      expect(replies.filter((r) => r.status === 422).every((r) => r.body.error.code === 'OVERPAYMENT')).toBe(true);
      expect((await schedule(loan.id)).outstanding.amount).toBe(owed - 2 * third);
    },
    CONCURRENT_TIMEOUT_MS,
  );
});

describe('closing and reversing', () => {
  it('the final payment closes the loan; reversing it reopens the loan and restores the schedule', async () => {
    const loan = await activeLoan(people, EUR);
    const before = await schedule(loan.id);
    const closing = await repay(people, loan.id, 10_353, EUR);
    expect(closing.body.loan).toEqual(expect.objectContaining({ outstanding: money(0, EUR), status: 'closed' }));
    expect((await repay(people, loan.id, 1, EUR)).body.error.code).toBe('LOAN_CLOSED');

    const reversed = await as(people.accountant, 'POST', `/repayments/${closing.body.repayment.id}/reverse`, { body: { reason: 'cheque bounced' } });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({
      repayment: { status: 'reversed', reversal: { reason: 'cheque bounced' } },
      loan: { status: 'active', outstanding: money(10_353, EUR) },
    });
    expect(await schedule(loan.id)).toEqual(before);
    const history = (await as(people.accountant, 'GET', `/loans/${loan.id}/history`)).body.items.map((h: any) => h.action);
    expect(history.slice(-4)).toEqual(['repayment', 'close', 'repayment_reversed', 'reopen']);

    const twice = await as(people.accountant, 'POST', `/repayments/${closing.body.repayment.id}/reverse`, { body: { reason: 'again' } });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_REVERSED']);
    expect((await as(people.accountant, 'GET', `/repayments/${closing.body.repayment.id}`)).body).toMatchObject({ status: 'reversed' });
  });

  it('a reversal needs a reason (400) and a cashier (403)', async () => {
    const loan = await activeLoan(people, EUR);
    const paid = (await repay(people, loan.id, 100, EUR)).body.repayment;
    expect((await as(people.accountant, 'POST', `/repayments/${paid.id}/reverse`, { body: {} })).status).toBe(400);
    expect((await as(people.accountant, 'POST', `/repayments/${paid.id}/reverse`)).status).toBe(400);
    expect((await as(people.officer, 'POST', `/repayments/${paid.id}/reverse`, { body: { reason: 'x' } })).status).toBe(403);
  });
});

describe('reading repayments', () => {
  it("lets the borrower read their own loan's repayments; others get 404; staff read all", async () => {
    const loan = await activeLoan(people, EUR);
    const paid = (await repay(people, loan.id, 300, EUR)).body.repayment;
    const list = await as(people.borrower, 'GET', `/repayments?loanId=${loan.id}`);
    expect(list.status).toBe(200);
    expect(dbCalls(list)).toBeLessThanOrEqual(2);
    expect(list.body).toEqual({ items: [paid], nextCursor: null });
    const one = await as(people.borrower, 'GET', `/repayments/${paid.id}`);
    expect([one.status, dbCalls(one) <= 2]).toEqual([200, true]);
    expect(one.body).toEqual(paid);
    const stranger = await borrower();
    expect((await as(stranger, 'GET', `/repayments?loanId=${loan.id}`)).status).toBe(404);
    expect((await as(stranger, 'GET', `/repayments/${paid.id}`)).status).toBe(404);
    expect((await as(people.officer, 'GET', `/repayments/${paid.id}`)).status).toBe(200);
    expect((await as(people.officer, 'GET', '/repayments')).status).toBe(400);
  });
});
