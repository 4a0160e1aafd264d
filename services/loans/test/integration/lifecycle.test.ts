/** The loan lifecycle over HTTP with its four people: borrower, loan officer, accountant, admin. */
import type { ErrorReply } from '@platform/api-client';
import { api, client, expectData } from '../../../../test/support/http';
import {
  activeLoan,
  application,
  as,
  borrower,
  cast,
  dbCalls,
  idempotencyKey,
  key,
  type Cast,
  type LoanApplication,
  money,
  type Person,
  staff,
} from '../../../../test/support/loans';

let people: Cast;
beforeAll(async () => {
  people = await cast();
});

const apply = (body: LoanApplication = application(), idempotency: string = key()) =>
  as(people.borrower).POST('/loans/apply', { params: { header: idempotencyKey(idempotency) }, body });
const loanPath = (loanId: string) => ({ path: { loanId } });

describe('quoting', () => {
  it('answers the Fineract reference schedule and stores nothing', async () => {
    const reply = await as(people.borrower).POST('/loans/quote', {
      body: { principal: money(10_000), annualRatePercent: 12, installments: 6, every: { unit: 'months', n: 1 }, disbursedOn: '2024-01-01' },
    });
    expect(reply.response.status).toBe(200);
    expect(dbCalls(reply.response)).toBe(0);
    expect(reply.data).toMatchObject({ currency: 'USD', principal: money(10_000), totalInterest: money(353), totalPayable: money(10_353) });
    expect(reply.data?.installments.map((i) => i.total.amount)).toEqual([1725, 1725, 1725, 1725, 1725, 1728]);
    expect(reply.data?.installments[0]).toMatchObject({ number: 1, dueDate: '2024-02-01', paid: money(0), outstanding: money(1725), daysOverdue: 0 });
  });

  it('refuses terms it cannot price with 400 naming the field', async () => {
    const reply = await as(people.borrower).POST('/loans/quote', {
      body: { principal: money(100), annualRatePercent: '-1', installments: 6, every: { unit: 'months', n: 1 } },
    });
    expect(reply.response.status).toBe(400);
    expect(reply.error?.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'annualRatePercent' })]));
  });
});

describe('applying (Idempotency-Key)', () => {
  it('creates a submitted loan in at most 2 DynamoDB calls', async () => {
    const reply = await apply();
    expect(reply.response.status).toBe(201);
    expect(dbCalls(reply.response)).toBeLessThanOrEqual(2);
    expect(reply.data).toMatchObject({ status: 'submitted', borrowerId: people.borrower.userId, principal: money(10_000), version: 1, outstanding: money(0) });
  });

  it('replays the first result for the same key and body, and is 422 for the same key with another body', async () => {
    const sameKey = key();
    const first = await apply(application(), sameKey);
    const again = await apply(application(), sameKey);
    const other = await apply(application('USD', 20_000), sameKey);
    expect(again.response.status).toBe(201);
    expect(again.data).toEqual(first.data);
    expect(other.response.status).toBe(422);
    const mine = await as(people.borrower).GET('/loans', { params: { query: { limit: 100 } } });
    expect(mine.data?.items.filter((l) => l.id === first.data?.id)).toHaveLength(1);
  });

  it('is 400 without an Idempotency-Key', async () => {
    // the typed client requires the header: a request without it is sent as-is
    expect((await api('POST', '/loans/apply', { token: people.borrower.token, body: application() })).status).toBe(400);
  });
});

describe('reading loans', () => {
  it('shows borrowers their own loans only, and staff every loan (filtered by status)', async () => {
    const mine = expectData(await apply(), 201);
    const stranger = await borrower();
    const own = await as(people.borrower).GET('/loans');
    expect(own.response.status).toBe(200);
    expect(dbCalls(own.response)).toBeLessThanOrEqual(2);
    expect(own.data?.items.every((l) => l.borrowerId === people.borrower.userId)).toBe(true);
    expect((await as(stranger).GET('/loans')).data?.items).toEqual([]);
    const ownSubmitted = await as(people.borrower).GET('/loans', { params: { query: { status: 'submitted', limit: 100 } } });
    expect(ownSubmitted.data?.items.map((l) => l.id)).toContain(mine.id);
    expect(ownSubmitted.data?.items.every((l) => l.status === 'submitted' && l.borrowerId === people.borrower.userId)).toBe(true);
    expect((await as(people.borrower).GET('/loans', { params: { query: { status: 'closed' } } })).data?.items).toEqual([]);
    // a status the document does not know does not type-check: sent as-is
    expect((await api('GET', '/loans?status=nonsense', { token: people.borrower.token })).status).toBe(400);
    expect((await as(stranger).GET('/loans/{loanId}', { params: loanPath(mine.id) })).response.status).toBe(404);
    const submitted = await as(people.officer).GET('/loans', { params: { query: { status: 'submitted', limit: 100 } } });
    expect(submitted.data?.items.map((l) => l.id)).toContain(mine.id);
    expect(submitted.data?.items.every((l) => l.status === 'submitted')).toBe(true);
    const one = await as(people.officer).GET('/loans/{loanId}', { params: loanPath(mine.id) });
    expect(one.data).toEqual(mine);
    expect(dbCalls(one.response)).toBeLessThanOrEqual(2);
  });

  it('answers 404 for an id that is not a loan', async () => {
    expect((await as(people.officer).GET('/loans/{loanId}', { params: loanPath('01ARZ3NDEKTSV4RRFFQ69G5FAV') })).response.status).toBe(404);
    expect((await as(people.officer).GET('/loans/{loanId}', { params: loanPath('not-an-id') })).response.status).toBe(404);
  });
});

describe('the whole lifecycle: apply, approve, disburse, schedule, history', () => {
  it('goes from submitted to active with a schedule fixed from disbursedOn and every step in history', async () => {
    const loan = await activeLoan(people);
    expect(loan).toMatchObject({
      status: 'active',
      disbursedOn: '2024-01-01',
      annualRatePercent: '12',
      outstanding: money(10_353),
      outstandingPrincipal: money(10_000),
      version: 3,
    });

    const schedule = await as(people.borrower).GET('/loans/{loanId}/schedule', { params: loanPath(loan.id) });
    expect(schedule.response.status).toBe(200);
    expect(dbCalls(schedule.response)).toBeLessThanOrEqual(2);
    expect(schedule.data).toMatchObject({ currency: 'USD', totalInterest: money(353), totalPayable: money(10_353) });
    expect(schedule.data?.installments[5]).toMatchObject({
      number: 6,
      dueDate: '2024-07-01',
      principal: money(1711),
      interest: money(17),
      total: money(1728),
      paid: money(0),
    });
    expect(schedule.data?.installments[0].daysOverdue).toBeGreaterThan(300); // due 2024-02-01, unpaid

    const history = await as(people.borrower).GET('/loans/{loanId}/history', { params: loanPath(loan.id) });
    expect(history.response.status).toBe(200);
    expect(dbCalls(history.response)).toBeLessThanOrEqual(2);
    expect(history.data?.items.map((h) => [h.action, h.from, h.to, h.actor.userId])).toEqual([
      ['apply', undefined, 'submitted', people.borrower.userId],
      ['approve', 'submitted', 'approved', people.officer.userId],
      ['disburse', 'approved', 'active', people.accountant.userId],
    ]);
    expect(history.data?.items[2]).toMatchObject({
      amount: money(10_000),
      actor: { roles: expect.arrayContaining(['accountant']) },
      at: expect.stringMatching(/Z$/),
    });
  });

  it('answers 409 for the schedule of a loan not yet disbursed', async () => {
    const loan = expectData(await apply(), 201);
    expect((await as(people.borrower).GET('/loans/{loanId}/schedule', { params: loanPath(loan.id) })).error?.error.code).toBe('LOAN_NOT_DISBURSED');
  });
});

describe('who may decide', () => {
  it('never lets an officer approve or reject their own application (403 SELF_APPROVAL)', async () => {
    const own = expectData(await as(people.officer).POST('/loans/apply', { params: { header: idempotencyKey() }, body: application() }), 201);
    const approve = await as(people.officer).POST('/loans/{loanId}/approve', { params: loanPath(own.id), body: { annualRatePercent: '5' } });
    const rejectIt = await as(people.officer).POST('/loans/{loanId}/reject', { params: loanPath(own.id), body: { reason: 'mine' } });
    expect([approve.response.status, approve.error?.error.code]).toEqual([403, 'SELF_APPROVAL']);
    expect([rejectIt.response.status, rejectIt.error?.error.code]).toEqual([403, 'SELF_APPROVAL']);
  });

  it('is 403 for a borrower or an accountant approving, and for an officer disbursing or an accountant writing off', async () => {
    const loan = expectData(await apply(), 201);
    const approve = (who: Person) => as(who).POST('/loans/{loanId}/approve', { params: loanPath(loan.id), body: { annualRatePercent: '5' } });
    expect((await approve(people.borrower)).response.status).toBe(403);
    expect((await approve(people.accountant)).response.status).toBe(403);
    await approve(people.officer);
    expect(
      (await as(people.officer).POST('/loans/{loanId}/disburse', { params: loanPath(loan.id), body: { disbursedOn: '2024-01-01' } })).response.status,
    ).toBe(403);
    const active = await activeLoan(people);
    expect((await as(people.accountant).POST('/loans/{loanId}/write-off', { params: loanPath(active.id) })).response.status).toBe(403);
  });

  it('is 404 for another borrower acting on a loan they cannot see', async () => {
    const loan = expectData(await apply(), 201);
    const stranger = await borrower();
    expect((await as(stranger).POST('/loans/{loanId}/withdraw', { params: loanPath(loan.id) })).response.status).toBe(404);
  });

  it("lets a second admin-made officer with both roles decide others' loans", async () => {
    const both = await staff(people.admin.token, ['loan_officer', 'accountant']);
    const loan = expectData(await apply(), 201);
    expect((await as(both).POST('/loans/{loanId}/approve', { params: loanPath(loan.id), body: { annualRatePercent: 9.4822 } })).data).toMatchObject({
      status: 'approved',
      annualRatePercent: '9.4822',
    });
  });
});

/** One transition of a loan, by the person who may make it (withdraw: the borrower, disburse: the accountant, write-off: the admin, else the officer). */
type Step = (loanId: string) => Promise<{ response: Response; error?: ErrorReply }>;
const approveAt =
  (annualRatePercent: string): Step =>
  (loanId) =>
    as(people.officer).POST('/loans/{loanId}/approve', { params: loanPath(loanId), body: { annualRatePercent } });
const rejectFor =
  (reason: string): Step =>
  (loanId) =>
    as(people.officer).POST('/loans/{loanId}/reject', { params: loanPath(loanId), body: { reason } });
const disburseOn =
  (disbursedOn: string): Step =>
  (loanId) =>
    as(people.accountant).POST('/loans/{loanId}/disburse', { params: loanPath(loanId), body: { disbursedOn } });
const withdraw: Step = (loanId) => as(people.borrower).POST('/loans/{loanId}/withdraw', { params: loanPath(loanId) });
const writeOff: Step = (loanId) => as(people.admin).POST('/loans/{loanId}/write-off', { params: loanPath(loanId) });

describe('every other transition is a 409 naming the state', () => {
  it.each<[string, Step | null, Step, string]>([
    ['a rejected loan cannot be approved', rejectFor('too risky'), approveAt('5'), 'rejected'],
    ['a withdrawn loan cannot be disbursed', withdraw, disburseOn('2024-01-01'), 'withdrawn'],
    ['a submitted loan cannot be written off', null, writeOff, 'submitted'],
    ['a submitted loan cannot be disbursed', null, disburseOn('2024-01-01'), 'submitted'],
  ])('%s', async (_rule, first, then, state) => {
    const loan = expectData(await apply(), 201);
    if (first) expect((await first(loan.id)).response.status).toBe(200);
    const reply = await then(loan.id);
    expect(reply.response.status).toBe(409);
    expect(reply.error?.error.code).toBe('INVALID_TRANSITION');
    expect(reply.error?.error.message).toContain(`loan is ${state}`);
  });

  it('a second disbursement is a 409, an active loan cannot be withdrawn; the admin writes it off', async () => {
    const loan = await activeLoan(people);
    expect(
      (await as(people.accountant).POST('/loans/{loanId}/disburse', { params: loanPath(loan.id), body: { disbursedOn: '2024-01-02' } })).error?.error.message,
    ).toContain('loan is active');
    expect((await as(people.borrower).POST('/loans/{loanId}/withdraw', { params: loanPath(loan.id) })).response.status).toBe(409);
    const off = await as(people.admin).POST('/loans/{loanId}/write-off', { params: loanPath(loan.id), body: { reason: 'unreachable' } });
    expect(off.data).toMatchObject({ status: 'written_off', outstanding: money(10_353) });
  });

  it('refuses a disbursement dated in the future with 422', async () => {
    const loan = expectData(await apply(), 201);
    await as(people.officer).POST('/loans/{loanId}/approve', { params: loanPath(loan.id), body: { annualRatePercent: '5' } });
    const reply = await as(people.accountant).POST('/loans/{loanId}/disburse', { params: loanPath(loan.id), body: { disbursedOn: '2099-01-01' } });
    expect([reply.response.status, reply.error?.error.code]).toEqual([422, 'DISBURSED_ON_IN_FUTURE']);
  });

  it('requires a reason to reject (400)', async () => {
    const loan = expectData(await apply(), 201);
    expect((await as(people.officer).POST('/loans/{loanId}/reject', { params: loanPath(loan.id), body: { reason: '   ' } })).response.status).toBe(400);
  });
});

describe('without a token', () => {
  it('is 401 on every loan route', async () => {
    expect((await client().GET('/loans')).response.status).toBe(401);
    // an empty quote does not type-check: sent as-is
    expect((await api('POST', '/loans/quote', { body: {} })).status).toBe(401);
  });
});
