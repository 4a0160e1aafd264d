import { recordRepayment, reverseRepayment } from '../src/domain/repayment-changes';
import { countLoan, countOverdue, driftBetween, merge, par30Text, summarize, correction, type Counters, type OverdueFigures } from '../src/domain/statistics';
import { applyFor, approve, disburse, reject, withdraw, writeOff } from '../src/domain/loan-changes';
import { accountant, active, admin, borrower, clock, officer } from './fixtures';
import { seeded } from '../../../test/support/random';
import type { LoanRecord, RepaymentRecord } from '../src/model';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('counters kept in step equal counters recomputed from the loans', () => {
  it.each([1, 7, 42, 2024])('after a seeded random sequence of actions (seed %i)', (seed) => {
    const random = seeded(seed);
    const loans = new Map<string, LoanRecord>();
    const repayments: RepaymentRecord[] = [];
    let kept: Counters = {};
    const attempt = (fn: () => { loan: LoanRecord; counters?: Counters }) => {
      try {
        const write = fn();
        loans.set(write.loan.id, write.loan);
        kept = merge(kept, write.counters ?? {});
        return write;
      } catch (error) {
        if (!(error as { status?: number }).status) throw error; // a domain refusal is fine; a bug is not
        return undefined;
      }
    };
    for (let step = 0; step < 400; step += 1) {
      const ids = [...loans.keys()];
      const loan = ids.length ? loans.get(random.pick(ids))! : undefined;
      const action =
        !loan || random.next() < 0.15 ? 'apply' : random.pick(['approve', 'reject', 'withdraw', 'disburse', 'pay', 'pay', 'pay', 'reverse', 'write_off']);
      const currency = random.pick(['USD', 'EUR', 'JPY']);
      if (action === 'apply') {
        const body = {
          principal: { amount: random.int(1, 500_000), currency },
          installments: random.int(1, 24),
          every: { unit: random.pick(['months', 'weeks'] as const), n: random.int(1, 3) },
          purpose: 'p',
        };
        attempt(() => applyFor(`loan-${step}`, borrower, body, clock));
      } else if (action === 'approve') attempt(() => approve(loan!, officer, { annualRatePercent: `${random.int(0, 40)}.${random.int(0, 99)}` }, clock));
      else if (action === 'reject') attempt(() => reject(loan!, officer, { reason: 'r' }, clock));
      else if (action === 'withdraw') attempt(() => withdraw(loan!, borrower, {}, clock));
      else if (action === 'disburse') attempt(() => disburse(loan!, accountant, { disbursedOn: `2024-0${random.int(1, 7)}-${random.int(10, 28)}` }, clock));
      else if (action === 'write_off') attempt(() => writeOff(loan!, admin, {}, clock));
      else if (action === 'pay') {
        const amount = {
          amount: random.next() < 0.1 ? loan!.outstanding.amount : random.int(1, Math.max(1, loan!.outstanding.amount)),
          currency: loan!.principal.currency,
        };
        const write = attempt(() =>
          recordRepayment(loan!, `rep-${step}`, accountant, { loanId: loan!.id, amount, paidOn: clock.today, method: 'cash' }, clock),
        );
        if (write) repayments.push((write as ReturnType<typeof recordRepayment>).repayment);
      } else {
        const candidates = repayments.filter((r) => r.status === 'recorded');
        if (candidates.length === 0) continue;
        const repayment = random.pick(candidates);
        if (attempt(() => reverseRepayment(loans.get(repayment.loanId)!, repayment, accountant, 'r', clock))) repayment.status = 'reversed';
      }
    }
    const truth: Counters = {};
    for (const loan of loans.values()) countLoan(truth, loan);
    expect(driftBetween(kept, truth)).toEqual([]);
    expect(Object.values(truth).every(Number.isSafeInteger)).toBe(true);
  });
});

describe('the overdue figures as of a date', () => {
  const loan = active(); // Fineract reference: 17.25 due monthly from 2024-02-01

  it('counts a loan overdue from the day after a due date, with what the late installments still owe', () => {
    const figures: Record<string, OverdueFigures> = {};
    countOverdue(figures, loan.schedule!, '2024-03-03'); // installment 1 is 31 days late, 2 is 2 days late
    expect(figures.USD).toEqual({ overdueLoans: 1, overdueAmount: 1725 * 2, par30Principal: 10_000, outstandingPrincipal: 10_000 });
  });

  it('is not overdue on the due date itself, and not in PAR30 until more than 30 days late', () => {
    const onDue: Record<string, OverdueFigures> = {};
    countOverdue(onDue, loan.schedule!, '2024-02-01');
    expect(onDue.USD.overdueLoans).toBe(0);
    const thirtyLate: Record<string, OverdueFigures> = {};
    countOverdue(thirtyLate, loan.schedule!, '2024-03-02'); // 2024-02-01 + 30 days
    expect(thirtyLate.USD).toMatchObject({ overdueLoans: 1, par30Principal: 0 });
  });
});

describe('the summary', () => {
  it('answers every status, money per currency, and PAR30 with 4 places', () => {
    const summary = summarize(
      { 'count.active': 2, 'USD.principalDisbursed': 30_000, 'USD.totalRepaid': 1725 },
      { asOf: '2024-08-01T00:05:00.000Z', byCurrency: { USD: { overdueLoans: 1, overdueAmount: 500, par30Principal: 125, outstandingPrincipal: 10_000 } } },
      '2024-08-01T10:00:00.000Z',
    );
    expect(summary.asOf).toBe('2024-08-01T00:05:00.000Z');
    expect(summary.countsByStatus).toEqual({ submitted: 0, approved: 0, rejected: 0, withdrawn: 0, active: 2, closed: 0, written_off: 0 });
    expect(summary.byCurrency.USD).toEqual({
      principalDisbursed: usd(30_000),
      principalOutstanding: usd(0),
      interestExpected: usd(0),
      interestCollected: usd(0),
      totalRepaid: usd(1725),
      overdueLoans: 1,
      overdueAmount: usd(500),
      par30: '0.0125',
    });
  });

  it('says the time of the reply when no refresh has run yet', () => {
    expect(summarize({}, undefined, '2024-08-01T10:00:00.000Z')).toMatchObject({ asOf: '2024-08-01T10:00:00.000Z', byCurrency: {} });
  });

  it.each([
    [0, 0, '0.0000'],
    [1, 3, '0.3333'],
    [125, 10_000, '0.0125'],
    [5, 200_000, '0.0000'], // 0.000025 -> half-even to 4 places
    [15, 200_000, '0.0001'], // 0.000075 -> 0.0001
    [10, 10, '1.0000'],
  ])('PAR30 of %i / %i is %s', (n, d, text) => {
    expect(par30Text(n, d)).toBe(text);
  });
});

describe('drift', () => {
  it('names each figure that differs, with its currency and both values', () => {
    const kept = { 'count.active': 3, 'USD.totalRepaid': 100 };
    const truth = { 'count.active': 2, 'USD.totalRepaid': 100, 'EUR.totalRepaid': 5 };
    expect(driftBetween(kept, truth)).toEqual([
      { figure: 'totalRepaid', currency: 'EUR', was: { amount: 0, currency: 'EUR' }, now: { amount: 5, currency: 'EUR' } },
      { figure: 'countsByStatus.active', was: 3, now: 2 },
    ]);
    expect(merge(kept, correction(kept, truth))).toEqual(truth);
  });
});
