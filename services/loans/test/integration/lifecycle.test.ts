/** The loan lifecycle over HTTP with its four people: borrower, loan officer, accountant, admin. */
import { api } from '../../../../test/support/http';
import { activeLoan, application, as, borrower, cast, dbCalls, key, money, staff, type Cast } from '../../../../test/support/loans';

let people: Cast;
beforeAll(async () => {
  people = await cast();
});

const apply = (body = application(), headers: Record<string, string> = { 'idempotency-key': key() }) =>
  as(people.borrower, 'POST', '/loans/apply', { body, headers });

describe('quoting', () => {
  it('answers the Fineract reference schedule and stores nothing', async () => {
    const reply = await as(people.borrower, 'POST', '/loans/quote', {
      body: { principal: money(10_000), annualRatePercent: 12, installments: 6, every: { unit: 'months', n: 1 }, disbursedOn: '2024-01-01' },
    });
    expect(reply.status).toBe(200);
    expect(dbCalls(reply)).toBe(0);
    expect(reply.body).toMatchObject({ currency: 'USD', principal: money(10_000), totalInterest: money(353), totalPayable: money(10_353) });
    expect(reply.body.installments.map((i: any) => i.total.amount)).toEqual([1725, 1725, 1725, 1725, 1725, 1728]);
    expect(reply.body.installments[0]).toMatchObject({ number: 1, dueDate: '2024-02-01', paid: money(0), outstanding: money(1725), daysOverdue: 0 });
  });

  it('refuses terms it cannot price with 400 naming the field', async () => {
    const reply = await as(people.borrower, 'POST', '/loans/quote', {
      body: { principal: money(100), annualRatePercent: '-1', installments: 6, every: { unit: 'months', n: 1 } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'annualRatePercent' })]));
  });
});

describe('applying (Idempotency-Key)', () => {
  it('creates a submitted loan in at most 2 DynamoDB calls', async () => {
    const reply = await apply();
    expect(reply.status).toBe(201);
    expect(dbCalls(reply)).toBeLessThanOrEqual(2);
    expect(reply.body).toMatchObject({ status: 'submitted', borrowerId: people.borrower.userId, principal: money(10_000), version: 1, outstanding: money(0) });
  });

  it('replays the first result for the same key and body, and is 422 for the same key with another body', async () => {
    const headers = { 'idempotency-key': key() };
    const first = await apply(application(), headers);
    const again = await apply(application(), headers);
    const other = await apply(application('USD', 20_000), headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(other.status).toBe(422);
    const mine = await as(people.borrower, 'GET', '/loans?limit=100');
    expect(mine.body.items.filter((l: any) => l.id === first.body.id)).toHaveLength(1);
  });

  it('is 400 without an Idempotency-Key', async () => {
    expect((await apply(application(), {})).status).toBe(400);
  });
});

describe('reading loans', () => {
  it('shows borrowers their own loans only, and staff every loan (filtered by status)', async () => {
    const mine = (await apply()).body;
    const stranger = await borrower();
    const own = await as(people.borrower, 'GET', '/loans');
    expect(own.status).toBe(200);
    expect(dbCalls(own)).toBeLessThanOrEqual(2);
    expect(own.body.items.every((l: any) => l.borrowerId === people.borrower.userId)).toBe(true);
    expect((await as(stranger, 'GET', '/loans')).body.items).toEqual([]);
    const ownSubmitted = await as(people.borrower, 'GET', '/loans?status=submitted&limit=100');
    expect(ownSubmitted.body.items.map((l: any) => l.id)).toContain(mine.id);
    expect(ownSubmitted.body.items.every((l: any) => l.status === 'submitted' && l.borrowerId === people.borrower.userId)).toBe(true);
    expect((await as(people.borrower, 'GET', '/loans?status=closed')).body.items).toEqual([]);
    expect((await as(people.borrower, 'GET', '/loans?status=nonsense')).status).toBe(400);
    expect((await as(stranger, 'GET', `/loans/${mine.id}`)).status).toBe(404);
    const submitted = await as(people.officer, 'GET', '/loans?status=submitted&limit=100');
    expect(submitted.body.items.map((l: any) => l.id)).toContain(mine.id);
    expect(submitted.body.items.every((l: any) => l.status === 'submitted')).toBe(true);
    const one = await as(people.officer, 'GET', `/loans/${mine.id}`);
    expect(one.body).toEqual(mine);
    expect(dbCalls(one)).toBeLessThanOrEqual(2);
  });

  it('answers 404 for an id that is not a loan', async () => {
    expect((await as(people.officer, 'GET', '/loans/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await as(people.officer, 'GET', '/loans/not-an-id')).status).toBe(404);
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

    const schedule = await as(people.borrower, 'GET', `/loans/${loan.id}/schedule`);
    expect(schedule.status).toBe(200);
    expect(dbCalls(schedule)).toBeLessThanOrEqual(2);
    expect(schedule.body).toMatchObject({ currency: 'USD', totalInterest: money(353), totalPayable: money(10_353) });
    expect(schedule.body.installments[5]).toMatchObject({
      number: 6,
      dueDate: '2024-07-01',
      principal: money(1711),
      interest: money(17),
      total: money(1728),
      paid: money(0),
    });
    expect(schedule.body.installments[0].daysOverdue).toBeGreaterThan(300); // due 2024-02-01, unpaid

    const history = await as(people.borrower, 'GET', `/loans/${loan.id}/history`);
    expect(history.status).toBe(200);
    expect(dbCalls(history)).toBeLessThanOrEqual(2);
    expect(history.body.items.map((h: any) => [h.action, h.from, h.to, h.actor.userId])).toEqual([
      ['apply', undefined, 'submitted', people.borrower.userId],
      ['approve', 'submitted', 'approved', people.officer.userId],
      ['disburse', 'approved', 'active', people.accountant.userId],
    ]);
    expect(history.body.items[2]).toMatchObject({
      amount: money(10_000),
      actor: { roles: expect.arrayContaining(['accountant']) },
      at: expect.stringMatching(/Z$/),
    });
  });

  it('answers 409 for the schedule of a loan not yet disbursed', async () => {
    const loan = (await apply()).body;
    expect((await as(people.borrower, 'GET', `/loans/${loan.id}/schedule`)).body.error.code).toBe('LOAN_NOT_DISBURSED');
  });
});

describe('who may decide', () => {
  it('never lets an officer approve or reject their own application (403 SELF_APPROVAL)', async () => {
    const own = (await as(people.officer, 'POST', '/loans/apply', { idempotent: true, body: application() })).body;
    const approve = await as(people.officer, 'POST', `/loans/${own.id}/approve`, { body: { annualRatePercent: '5' } });
    const rejectIt = await as(people.officer, 'POST', `/loans/${own.id}/reject`, { body: { reason: 'mine' } });
    expect([approve.status, approve.body.error.code]).toEqual([403, 'SELF_APPROVAL']);
    expect([rejectIt.status, rejectIt.body.error.code]).toEqual([403, 'SELF_APPROVAL']);
  });

  it('is 403 for a borrower or an accountant approving, and for an officer disbursing or an accountant writing off', async () => {
    const loan = (await apply()).body;
    expect((await as(people.borrower, 'POST', `/loans/${loan.id}/approve`, { body: { annualRatePercent: '5' } })).status).toBe(403);
    expect((await as(people.accountant, 'POST', `/loans/${loan.id}/approve`, { body: { annualRatePercent: '5' } })).status).toBe(403);
    await as(people.officer, 'POST', `/loans/${loan.id}/approve`, { body: { annualRatePercent: '5' } });
    expect((await as(people.officer, 'POST', `/loans/${loan.id}/disburse`, { body: { disbursedOn: '2024-01-01' } })).status).toBe(403);
    const active = await activeLoan(people);
    expect((await as(people.accountant, 'POST', `/loans/${active.id}/write-off`)).status).toBe(403);
  });

  it('is 404 for another borrower acting on a loan they cannot see', async () => {
    const loan = (await apply()).body;
    const stranger = await borrower();
    expect((await as(stranger, 'POST', `/loans/${loan.id}/withdraw`)).status).toBe(404);
  });

  it("lets a second admin-made officer with both roles decide others' loans", async () => {
    const both = await staff(people.admin.token, ['loan_officer', 'accountant']);
    const loan = (await apply()).body;
    expect((await as(both, 'POST', `/loans/${loan.id}/approve`, { body: { annualRatePercent: 9.4822 } })).body).toMatchObject({
      status: 'approved',
      annualRatePercent: '9.4822',
    });
  });
});

describe('every other transition is a 409 naming the state', () => {
  it.each([
    ['a rejected loan cannot be approved', 'reject', { reason: 'too risky' }, 'approve', { annualRatePercent: '5' }, 'rejected'],
    ['a withdrawn loan cannot be disbursed', 'withdraw', undefined, 'disburse', { disbursedOn: '2024-01-01' }, 'withdrawn'],
    ['a submitted loan cannot be written off', null, undefined, 'write-off', undefined, 'submitted'],
    ['a submitted loan cannot be disbursed', null, undefined, 'disburse', { disbursedOn: '2024-01-01' }, 'submitted'],
  ])('%s', async (_rule, first, firstBody, then, thenBody, state) => {
    const loan = (await apply()).body;
    const actorOf = (action: string) =>
      action === 'withdraw' ? people.borrower : action === 'disburse' ? people.accountant : action === 'write-off' ? people.admin : people.officer;
    if (first) expect((await as(actorOf(first), 'POST', `/loans/${loan.id}/${first}`, { body: firstBody })).status).toBe(200);
    const reply = await as(actorOf(then), 'POST', `/loans/${loan.id}/${then}`, { body: thenBody });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('INVALID_TRANSITION');
    expect(reply.body.error.message).toContain(`loan is ${state}`);
  });

  it('a second disbursement is a 409, an active loan cannot be withdrawn; the admin writes it off', async () => {
    const loan = await activeLoan(people);
    expect((await as(people.accountant, 'POST', `/loans/${loan.id}/disburse`, { body: { disbursedOn: '2024-01-02' } })).body.error.message).toContain(
      'loan is active',
    );
    expect((await as(people.borrower, 'POST', `/loans/${loan.id}/withdraw`)).status).toBe(409);
    const off = await as(people.admin, 'POST', `/loans/${loan.id}/write-off`, { body: { reason: 'unreachable' } });
    expect(off.body).toMatchObject({ status: 'written_off', outstanding: money(10_353) });
  });

  it('refuses a disbursement dated in the future with 422', async () => {
    const loan = (await apply()).body;
    await as(people.officer, 'POST', `/loans/${loan.id}/approve`, { body: { annualRatePercent: '5' } });
    const reply = await as(people.accountant, 'POST', `/loans/${loan.id}/disburse`, { body: { disbursedOn: '2999-01-01' } });
    expect([reply.status, reply.body.error.code]).toEqual([422, 'DISBURSED_ON_IN_FUTURE']);
  });

  it('requires a reason to reject (400)', async () => {
    const loan = (await apply()).body;
    expect((await as(people.officer, 'POST', `/loans/${loan.id}/reject`, { body: { reason: '   ' } })).status).toBe(400);
  });
});

describe('without a token', () => {
  it('is 401 on every loan route', async () => {
    expect((await api('GET', '/loans')).status).toBe(401);
    expect((await api('POST', '/loans/quote', { body: {} })).status).toBe(401);
  });
});
