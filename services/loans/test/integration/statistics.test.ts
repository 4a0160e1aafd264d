/**
 * Statistics over HTTP. Integration files share one DynamoDB and the statistics are global, so
 * money figures are checked in currencies only this file uses (CHF, GBP, JPY); counts are checked
 * by the rebuild finding no drift, and by a delta retried if another file moved a count meanwhile.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { refreshOverdueStatistics } from '@platform/loans/statistics-upkeep';
import type { operations } from '@platform/api-client';
import { expectData } from '../../../../test/support/http';
import { activeLoan, application, as, cast, dbCalls, idempotencyKey, type Loan, money, repay, type Cast } from '../../../../test/support/loans';
import { seeded } from '../../../../test/support/random';

type Summary = operations['getLoanStatistics']['responses'][200]['content']['application/json'];
type Figures = Summary['byCurrency'][string];
type MoneyFigure = { [F in keyof Figures]: Figures[F] extends { amount: number } ? F : never }[keyof Figures];

let people: Cast;
beforeAll(async () => {
  people = await cast();
});

const summary = async (): Promise<Summary> => {
  const reply = await as(people.accountant).GET('/loans/stats/summary');
  expect([reply.response.status, dbCalls(reply.response)]).toEqual([200, 1]);
  return expectData(reply, 200);
};
const figures = (s: Summary, currency: string): Partial<Figures> => s.byCurrency[currency] ?? {};
const amountOf = (s: Summary, currency: string, figure: MoneyFigure): number => figures(s, currency)[figure]?.amount ?? 0;
const rebuild = () => as(people.admin).POST('/loans/stats/rebuild');
const loanPath = (loanId: string) => ({ path: { loanId } });
const reverse = (repaymentId: string, reason: string) =>
  as(people.accountant).POST('/repayments/{repaymentId}/reverse', { params: { path: { repaymentId } }, body: { reason } });

describe('the summary', () => {
  it('is for staff only', async () => {
    expect((await as(people.borrower).GET('/loans/stats/summary')).response.status).toBe(403);
    expect((await as(people.officer).GET('/loans/stats/summary')).response.status).toBe(200);
  });

  it('moves by exactly the amounts disbursed, repaid and reversed (CHF)', async () => {
    const before = await summary();
    const loan = await activeLoan(people, 'CHF');
    const afterDisbursement = await summary();
    const paid = expectData(await repay(people, loan.id, 2000, 'CHF'), 201);
    const afterRepayment = await summary();
    await reverse(paid.repayment.id, 'bounced');
    const afterReversal = await summary();

    const delta = (a: Summary, b: Summary, figure: MoneyFigure) => amountOf(b, 'CHF', figure) - amountOf(a, 'CHF', figure);
    const disbursed: MoneyFigure[] = ['principalDisbursed', 'principalOutstanding', 'interestExpected'];
    const repaid: MoneyFigure[] = ['interestCollected', 'totalRepaid', 'principalOutstanding'];
    expect(disbursed.map((f) => delta(before, afterDisbursement, f))).toEqual([10_000, 10_000, 353]);
    expect(repaid.map((f) => delta(afterDisbursement, afterRepayment, f))).toEqual([184, 2000, -1816]);
    expect(repaid.map((f) => delta(afterRepayment, afterReversal, f))).toEqual([-184, -2000, 1816]);
    expect(figures(afterReversal, 'CHF').principalDisbursed).toEqual(money(amountOf(afterReversal, 'CHF', 'principalDisbursed'), 'CHF'));
  });

  it('counts each transition: one more submitted per application (retried if another test moved counts meanwhile)', async () => {
    let moved = -1;
    for (let attempt = 0; attempt < 5 && moved !== 1; attempt += 1) {
      const before = (await summary()).countsByStatus.submitted;
      await as(people.borrower).POST('/loans/apply', { params: { header: idempotencyKey() }, body: application('CHF') });
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
    expect((await as(people.accountant).POST('/loans/stats/rebuild')).response.status).toBe(403);
  });

  it('reports no drift after a seeded random sequence of operations, and refreshes the overdue figures (GBP, JPY)', async () => {
    const random = seeded(20261125);
    const loans: Loan[] = [];
    const repayments: string[] = [];
    for (let step = 0; step < 60; step += 1) {
      const loan = loans.length ? random.pick(loans) : undefined;
      const action =
        !loan || random.next() < 0.2 ? 'apply' : random.pick(['approve', 'reject', 'withdraw', 'disburse', 'pay', 'pay', 'pay', 'reverse', 'write-off']);
      if (!loan || action === 'apply') {
        const currency = random.pick(['GBP', 'JPY']);
        const reply = await as(people.borrower).POST('/loans/apply', {
          params: { header: idempotencyKey() },
          body: application(currency, random.int(500, 50_000)),
        });
        loans.push(expectData(reply, 201));
      } else if (action === 'approve')
        await as(people.officer).POST('/loans/{loanId}/approve', { params: loanPath(loan.id), body: { annualRatePercent: `${random.int(0, 30)}.5` } });
      else if (action === 'reject') await as(people.officer).POST('/loans/{loanId}/reject', { params: loanPath(loan.id), body: { reason: 'seeded' } });
      else if (action === 'withdraw') await as(people.borrower).POST('/loans/{loanId}/withdraw', { params: loanPath(loan.id) });
      else if (action === 'disburse')
        await as(people.accountant).POST('/loans/{loanId}/disburse', { params: loanPath(loan.id), body: { disbursedOn: '2024-01-01' } });
      else if (action === 'write-off') await as(people.admin).POST('/loans/{loanId}/write-off', { params: loanPath(loan.id) });
      else if (action === 'pay') {
        const current = expectData(await as(people.accountant).GET('/loans/{loanId}', { params: loanPath(loan.id) }), 200);
        const owed = current.outstanding.amount;
        const amount = owed > 0 && random.next() < 0.15 ? owed : random.int(1, Math.max(1, Math.ceil(owed / 3)));
        const reply = await repay(people, loan.id, amount, current.principal.currency);
        if (reply.response.status === 201 && reply.data) repayments.push(reply.data.repayment.id);
      } else if (repayments.length) {
        await reverse(random.pick(repayments), 'seeded');
      }
    }
    const reply = await rebuild();
    expect(reply.response.status).toBe(200);
    expect(reply.data).toEqual({ asOf: expect.stringMatching(/Z$/), drift: [] });

    // Every GBP loan was disbursed on 2024-01-01 over 6 months: all of it is long overdue.
    const gbp = (
      await Promise.all(
        loans.filter((l) => l.principal.currency === 'GBP').map((l) => as(people.accountant).GET('/loans/{loanId}', { params: loanPath(l.id) })),
      )
    ).map((r) => expectData(r, 200));
    const owing = gbp.filter((l) => l.status === 'active' && l.outstanding.amount > 0);
    const after = await summary();
    expect(after.asOf).toBe(reply.data?.asOf);
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
    expect(first.data?.drift).toEqual([{ figure: 'totalRepaid', currency: 'JPY', was: money(kept, 'JPY'), now: money(kept - 5, 'JPY') }]);
    expect(amountOf(await summary(), 'JPY', 'totalRepaid')).toBe(kept - 5);
    expect((await rebuild()).data?.drift).toEqual([]);
  });
});
