/**
 * Statistics over HTTP. Integration files share one DynamoDB and the statistics are global, so
 * money figures are checked in currencies only this file uses (CHF, GBP, JPY); counts are checked
 * by the rebuild finding no drift, and by a delta retried if another file moved a count meanwhile.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { refreshOverdueStatistics } from '@platform/loans/statistics-upkeep';
import { seeded } from '../../../../test/support/random';
import { activeLoan, application, as, cast, dbCalls, money, repay, type Cast } from '../../../../test/support/loans';

let people: Cast;
beforeAll(async () => {
  people = await cast();
});

const summary = async () => {
  const reply = await as(people.accountant, 'GET', '/loans/stats/summary');
  expect([reply.status, dbCalls(reply)]).toEqual([200, 1]);
  return reply.body;
};
const figures = (s: any, currency: string) => s.byCurrency[currency] ?? {};
const amountOf = (s: any, currency: string, figure: string): number => figures(s, currency)[figure]?.amount ?? 0;
const rebuild = () => as(people.admin, 'POST', '/loans/stats/rebuild');

describe('the summary', () => {
  it('is for staff only', async () => {
    expect((await as(people.borrower, 'GET', '/loans/stats/summary')).status).toBe(403);
    expect((await as(people.officer, 'GET', '/loans/stats/summary')).status).toBe(200);
  });

  it('moves by exactly the amounts disbursed, repaid and reversed (CHF)', async () => {
    const before = await summary();
    const loan = await activeLoan(people, 'CHF');
    const afterDisbursement = await summary();
    const paid = (await repay(people, loan.id, 2000, 'CHF')).body;
    const afterRepayment = await summary();
    await as(people.accountant, 'POST', `/repayments/${paid.repayment.id}/reverse`, { body: { reason: 'bounced' } });
    const afterReversal = await summary();

    const delta = (a: any, b: any, figure: string) => amountOf(b, 'CHF', figure) - amountOf(a, 'CHF', figure);
    expect(['principalDisbursed', 'principalOutstanding', 'interestExpected'].map((f) => delta(before, afterDisbursement, f))).toEqual([10_000, 10_000, 353]);
    expect(['interestCollected', 'totalRepaid', 'principalOutstanding'].map((f) => delta(afterDisbursement, afterRepayment, f))).toEqual([184, 2000, -1816]);
    expect(['interestCollected', 'totalRepaid', 'principalOutstanding'].map((f) => delta(afterRepayment, afterReversal, f))).toEqual([-184, -2000, 1816]);
    expect(figures(afterReversal, 'CHF').principalDisbursed).toEqual(money(amountOf(afterReversal, 'CHF', 'principalDisbursed'), 'CHF'));
  });

  it('counts each transition: one more submitted per application (retried if another test moved counts meanwhile)', async () => {
    let moved = -1;
    for (let attempt = 0; attempt < 5 && moved !== 1; attempt += 1) {
      const before = (await summary()).countsByStatus.submitted;
      await as(people.borrower, 'POST', '/loans/apply', { idempotent: true, body: application('CHF') });
      moved = (await summary()).countsByStatus.submitted - before;
    }
    expect(moved).toBe(1);
  });
});

describe('the daily refresh (a plain function: the scheduled Lambda and the ops script call it)', () => {
  it('computes overdue loans, overdue amount and PAR30 as of today, and the summary carries its asOf (SEK)', async () => {
    const late = await activeLoan(people, 'SEK', 10_000, '2024-01-01'); // every installment long past due
    await repay(people, late.id, 1725, 'SEK'); // installment 1 paid: 5 late installments remain
    const fresh = await activeLoan(people, 'SEK', 5_000, new Date().toISOString().slice(0, 10)); // nothing due yet
    const snapshot = await refreshOverdueStatistics();
    const after = await summary();
    expect(after.asOf).toBe(snapshot.asOf);
    expect(figures(after, 'SEK')).toMatchObject({ overdueLoans: 1, overdueAmount: money(10_353 - 1725, 'SEK') });
    expect(fresh.outstandingPrincipal).toEqual(money(5_000, 'SEK'));
    expect(figures(after, 'SEK').par30).toBe('0.6262'); // 8,375 late principal / 13,375 outstanding
  });
});

describe('the rebuild', () => {
  it('is for admins only', async () => {
    expect((await as(people.accountant, 'POST', '/loans/stats/rebuild')).status).toBe(403);
  });

  it('reports no drift after a seeded random sequence of operations, and refreshes the overdue figures (GBP, JPY)', async () => {
    const random = seeded(20261125);
    const loans: any[] = [];
    const repayments: string[] = [];
    for (let step = 0; step < 60; step += 1) {
      const loan = loans.length ? random.pick(loans) : undefined;
      const action =
        !loan || random.next() < 0.2 ? 'apply' : random.pick(['approve', 'reject', 'withdraw', 'disburse', 'pay', 'pay', 'pay', 'reverse', 'write-off']);
      if (action === 'apply') {
        const currency = random.pick(['GBP', 'JPY']);
        const reply = await as(people.borrower, 'POST', '/loans/apply', { idempotent: true, body: application(currency, random.int(500, 50_000)) });
        loans.push(reply.body);
      } else if (action === 'approve') await as(people.officer, 'POST', `/loans/${loan.id}/approve`, { body: { annualRatePercent: `${random.int(0, 30)}.5` } });
      else if (action === 'reject') await as(people.officer, 'POST', `/loans/${loan.id}/reject`, { body: { reason: 'seeded' } });
      else if (action === 'withdraw') await as(people.borrower, 'POST', `/loans/${loan.id}/withdraw`);
      else if (action === 'disburse') await as(people.accountant, 'POST', `/loans/${loan.id}/disburse`, { body: { disbursedOn: '2024-01-01' } });
      else if (action === 'write-off') await as(people.admin, 'POST', `/loans/${loan.id}/write-off`);
      else if (action === 'pay') {
        const current = (await as(people.accountant, 'GET', `/loans/${loan.id}`)).body;
        const owed = current.outstanding.amount;
        const amount = owed > 0 && random.next() < 0.15 ? owed : random.int(1, Math.max(1, Math.ceil(owed / 3)));
        const reply = await repay(people, loan.id, amount, current.principal.currency);
        if (reply.status === 201) repayments.push(reply.body.repayment.id);
      } else if (repayments.length) {
        await as(people.accountant, 'POST', `/repayments/${random.pick(repayments)}/reverse`, { body: { reason: 'seeded' } });
      }
    }
    const reply = await rebuild();
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ asOf: expect.stringMatching(/Z$/), drift: [] });

    // Every GBP loan was disbursed on 2024-01-01 over 6 months: all of it is long overdue.
    const gbp = (await Promise.all(loans.filter((l) => l.principal.currency === 'GBP').map((l) => as(people.accountant, 'GET', `/loans/${l.id}`)))).map(
      (r) => r.body,
    );
    const owing = gbp.filter((l) => l.status === 'active' && l.outstanding.amount > 0);
    const after = await summary();
    expect(after.asOf).toBe(reply.body.asOf);
    expect(figures(after, 'GBP').overdueLoans ?? 0).toBe(owing.length);
    expect(amountOf(after, 'GBP', 'overdueAmount')).toBe(owing.reduce((sum, l) => sum + l.outstanding.amount, 0));
    if (owing.some((l) => l.outstandingPrincipal.amount > 0)) expect(figures(after, 'GBP').par30).toBe('1.0000');
  });

  it('finds and corrects drift planted in a counter, then finds none', async () => {
    const local = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    await local.send(
      new UpdateCommand({
        TableName: 'platform-local-loans',
        Key: { pk: 'STATS', sk: 'COUNTERS#07' },
        UpdateExpression: 'ADD #f :v',
        ExpressionAttributeNames: { '#f': 'JPY.totalRepaid' },
        ExpressionAttributeValues: { ':v': 5 },
      }),
    );
    local.destroy();
    const kept = amountOf(await summary(), 'JPY', 'totalRepaid');
    const first = await rebuild();
    expect(first.body.drift).toEqual([{ figure: 'totalRepaid', currency: 'JPY', was: money(kept, 'JPY'), now: money(kept - 5, 'JPY') }]);
    expect(amountOf(await summary(), 'JPY', 'totalRepaid')).toBe(kept - 5);
    expect((await rebuild()).body.drift).toEqual([]);
  });
});
