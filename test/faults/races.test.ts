/**
 * Races, as specifications: many copies of one request at the same instant against a real
 * DynamoDB Local (this file's own), through the real handlers. Parallel reversals and parallel
 * wrong passwords are covered over HTTP (services/repayments and services/auth integration tests).
 */
import {
  caller,
  captureLogs,
  Dynamo,
  expectErrorShape,
  freePort,
  handlerOf,
  invoke,
  platformEnvironment,
  unhandledErrors,
  type Reply,
} from './support/components';
import {
  activeLoan,
  application,
  apply,
  approve,
  cast,
  getLoan,
  historyOf,
  key,
  loanHandlers,
  repay,
  repaymentsOf,
  statisticsDrift,
  withdraw,
  type Cast,
  type LoanReply,
} from './support/loans';

let dynamo: Dynamo;
let h: ReturnType<typeof loanHandlers>;
let people: Cast;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  dynamo = Dynamo.spawned(await freePort()); // boots while the handlers load
  await platformEnvironment({ dynamo });
  h = loanHandlers();
  [people] = await Promise.all([cast(), dynamo.prepared()]);
}, 120_000);

afterAll(async () => {
  logs.restore();
  await dynamo?.stop();
});

afterEach(() => {
  expect(unhandledErrors(logs.lines())).toEqual([]);
});

const COPIES = 8;

/** One effect: every reply is the first one, or 409 IDEMPOTENCY_IN_PROGRESS while it was running. */
function expectOneReply(replies: Reply[], status: number): Reply {
  const done = replies.filter((r) => r.status === status);
  expect(done.length).toBeGreaterThanOrEqual(1);
  for (const r of done) expect(r.body).toEqual(done[0].body);
  for (const r of replies.filter((x) => x.status !== status)) {
    expect([r.status, expectErrorShape(r).error.code]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);
  }
  return done[0];
}

describe('one Idempotency-Key sent many times at once', () => {
  it('POST /loans/apply creates one loan, and every copy answers it (or 409 while it runs)', async () => {
    const borrower = await caller(); // a borrower of their own: their list holds only what this race made
    const sameKey = key();
    const body = application(55_500);
    const replies = await Promise.all(Array.from({ length: COPIES }, () => apply(h, borrower, sameKey, body)));
    const first = expectOneReply(replies, 201).body as LoanReply;
    // Retried once the race is over, every copy gets the one loan.
    const again = await Promise.all(Array.from({ length: COPIES }, () => apply(h, borrower, sameKey, body)));
    for (const r of again) expect([r.status, (r.body as LoanReply).id]).toEqual([201, first.id]);
    const list = await invoke<{ items: { id: string }[] }>(handlerOf('loans', 'list'), {
      method: 'GET',
      resource: '/loans',
      query: { limit: '100' },
      as: borrower,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((l) => l.id)).toEqual([first.id]); // this borrower's only loan
  });

  it('POST /repayments records one payment, and every copy answers it (or 409 while it runs)', async () => {
    const loan = await activeLoan(h, people, 90_000);
    const sameKey = key();
    const replies = await Promise.all(Array.from({ length: COPIES }, () => repay(h, people, loan.id, 2_500, sameKey)));
    expectOneReply(replies, 201);
    const again = await Promise.all(Array.from({ length: COPIES }, () => repay(h, people, loan.id, 2_500, sameKey)));
    for (const r of again) expect(r.status).toBe(201);
    expect(await repaymentsOf(h, people, loan.id)).toHaveLength(1);
    expect((await getLoan(h, people, loan.id)).outstanding.amount).toBe(loan.outstanding.amount - 2_500);
    expect(await statisticsDrift(h, people)).toEqual([]);
  });
});

describe('approve racing withdraw', () => {
  it('whichever wins, the history holds exactly the transitions that succeeded and the status is the last one', async () => {
    for (let round = 0; round < 6; round++) {
      const submitted = await apply(h, people.borrower, key(), application(20_000 + round));
      expect(submitted.status).toBe(201);
      const loanId = (submitted.body as LoanReply).id;
      // Alternate who is sent first, so both orders get their chance.
      const [a, w] =
        round % 2 === 0
          ? await Promise.all([approve(h, people, loanId), withdraw(h, people, loanId)])
          : await Promise.all([withdraw(h, people, loanId), approve(h, people, loanId)]).then(([x, y]) => [y, x]);
      for (const r of [a, w]) {
        if (r.status !== 200) expect([r.status, expectErrorShape(r).error.code]).toEqual([409, expect.stringMatching(/^[A-Z_]+$/)]);
      }
      expect(w.status === 200 || a.status === 200).toBe(true);
      const history = await historyOf(h, people, loanId);
      const transitions = history.filter((e) => e.from !== undefined && e.to !== undefined).map((e) => `${e.from}->${e.to}`);
      // approve then withdraw is allowed (approved -> withdrawn); withdraw then approve is not.
      const expected =
        a.status === 200 && w.status === 200
          ? ['submitted->approved', 'approved->withdrawn']
          : a.status === 200
            ? ['submitted->approved']
            : ['submitted->withdrawn'];
      expect(transitions).toEqual(expected);
      const loan = await getLoan(h, people, loanId);
      expect(loan.status).toBe(expected[expected.length - 1].split('->')[1]);
    }
    expect(await statisticsDrift(h, people)).toEqual([]);
  }, 30_000);
});
