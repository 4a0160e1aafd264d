/**
 * Loan statistics, pure: the counter deltas each change adds (kept in step inside the change's own
 * transaction), the same figures recomputed from loans (the rebuild), the calendar-dependent
 * overdue figures (the daily refresh), and the summary's reply shape. Counters are a flat map
 * of figure -> integer: `count.<status>` and `<currency>.<figure>` in minor units.
 */
import { toFixedHalfEven, type Money } from '@platform/libs/money';
import { LOAN_STATES, type LoanState } from './lifecycle';
import { daysOverdue, installmentOutstanding, loanDaysOverdue, type InstallmentState } from './schedule';

export type Counters = Record<string, number>;

export const MONEY_FIGURES = ['principalDisbursed', 'principalOutstanding', 'interestExpected', 'interestCollected', 'totalRepaid'] as const;
export type MoneyFigure = (typeof MONEY_FIGURES)[number];

export const countKey = (state: LoanState) => `count.${state}`;
export const moneyKey = (currency: string, figure: MoneyFigure) => `${currency}.${figure}`;

/** Adds deltas together, dropping figures that net to zero. */
export function merge(...deltas: Counters[]): Counters {
  const out: Counters = {};
  for (const delta of deltas) for (const [k, v] of Object.entries(delta)) out[k] = (out[k] ?? 0) + v;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== 0));
}

const negate = (delta: Counters): Counters => Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, -v]));

export function transitionDelta(from: LoanState | null, to: LoanState): Counters {
  return merge(from ? { [countKey(from)]: -1 } : {}, { [countKey(to)]: 1 });
}

/** approved -> active: the principal goes out, the scheduled interest becomes expected. */
export function disbursementDelta(principal: Money, totalInterest: Money): Counters {
  const c = principal.currency;
  return merge(transitionDelta('approved', 'active'), {
    [moneyKey(c, 'principalDisbursed')]: principal.amount,
    [moneyKey(c, 'principalOutstanding')]: principal.amount,
    [moneyKey(c, 'interestExpected')]: totalInterest.amount,
  });
}

export function repaymentDelta(allocation: { interest: Money; principal: Money }): Counters {
  const c = allocation.interest.currency;
  return {
    [moneyKey(c, 'interestCollected')]: allocation.interest.amount,
    [moneyKey(c, 'totalRepaid')]: allocation.interest.amount + allocation.principal.amount,
    [moneyKey(c, 'principalOutstanding')]: -allocation.principal.amount,
  };
}

export const reversalDelta = (allocation: { interest: Money; principal: Money }): Counters => negate(repaymentDelta(allocation));

/** active -> written_off: what was still owed in principal leaves the outstanding portfolio. */
export function writeOffDelta(outstandingPrincipal: Money): Counters {
  return merge(transitionDelta('active', 'written_off'), { [moneyKey(outstandingPrincipal.currency, 'principalOutstanding')]: -outstandingPrincipal.amount });
}

/** What the rebuild needs of a loan. */
export interface LoanFacts {
  status: LoanState;
  principal: Money;
  schedule: readonly InstallmentState[] | null;
}

/** Adds one loan to counters recomputed from scratch: the rebuild's truth, loan by loan. */
export function countLoan(counters: Counters, loan: LoanFacts): Counters {
  const add = (key: string, amount: number) => {
    if (amount !== 0) counters[key] = (counters[key] ?? 0) + amount;
  };
  add(countKey(loan.status), 1);
  if (!loan.schedule) return counters;
  const c = loan.principal.currency;
  for (const row of loan.schedule) {
    add(moneyKey(c, 'principalDisbursed'), row.principal.amount);
    add(moneyKey(c, 'interestExpected'), row.interest.amount);
    add(moneyKey(c, 'interestCollected'), row.paidInterest);
    add(moneyKey(c, 'totalRepaid'), row.paidInterest + row.paidPrincipal);
    if (loan.status === 'active') add(moneyKey(c, 'principalOutstanding'), row.principal.amount - row.paidPrincipal);
  }
  return counters;
}

export interface OverdueFigures {
  overdueLoans: number;
  overdueAmount: number;
  par30Principal: number;
  outstandingPrincipal: number;
}

/**
 * Adds one active loan to the overdue figures as of a date: overdue when an installment is
 * past due and not fully paid; overdueAmount is what those installments still owe; a loan more
 * than 30 days overdue puts all its outstanding principal into PAR30's numerator.
 */
export function countOverdue(byCurrency: Record<string, OverdueFigures>, schedule: readonly InstallmentState[], asOf: string): void {
  if (schedule.length === 0) return;
  const c = schedule[0].principal.currency;
  byCurrency[c] ??= { overdueLoans: 0, overdueAmount: 0, par30Principal: 0, outstandingPrincipal: 0 };
  const f = byCurrency[c];
  const principalOwed = schedule.reduce((sum, row) => sum + row.principal.amount - row.paidPrincipal, 0);
  const days = loanDaysOverdue(schedule, asOf);
  f.outstandingPrincipal += principalOwed;
  if (days > 0) {
    f.overdueLoans += 1;
    f.overdueAmount += schedule.filter((row) => daysOverdue(row, asOf) > 0).reduce((sum, row) => sum + installmentOutstanding(row), 0);
  }
  if (days > 30) f.par30Principal += principalOwed;
}

/** PAR30 as a decimal string with 4 places, half-even; 0 when nothing is outstanding. */
export function par30Text(numerator: number, denominator: number): string {
  if (denominator === 0) return '0.0000';
  return toFixedHalfEven({ num: BigInt(numerator), den: BigInt(denominator) }, 4);
}

export interface CurrencySummary {
  principalDisbursed: Money;
  principalOutstanding: Money;
  interestExpected: Money;
  interestCollected: Money;
  totalRepaid: Money;
  overdueLoans: number;
  overdueAmount: Money;
  par30: string;
}

export interface Summary {
  asOf: string;
  countsByStatus: Record<LoanState, number>;
  byCurrency: Record<string, CurrencySummary>;
}

/** The reply of GET /loans/stats/summary from summed counters and the last overdue snapshot. */
export function summarize(counters: Counters, overdue: { asOf: string; byCurrency: Record<string, OverdueFigures> } | undefined, now: string): Summary {
  const countsByStatus = Object.fromEntries(LOAN_STATES.map((s) => [s, counters[countKey(s)] ?? 0])) as Record<LoanState, number>;
  const currencies = new Set<string>(Object.keys(overdue?.byCurrency ?? {}));
  for (const key of Object.keys(counters)) if (/^[A-Z]{3}\./.test(key)) currencies.add(key.slice(0, 3));
  const byCurrency: Record<string, CurrencySummary> = {};
  for (const c of [...currencies].sort()) {
    const m = (amount: number): Money => ({ amount, currency: c });
    const o = overdue?.byCurrency[c];
    const figures = Object.fromEntries(MONEY_FIGURES.map((f) => [f, m(counters[moneyKey(c, f)] ?? 0)])) as Record<MoneyFigure, Money>;
    byCurrency[c] = {
      ...figures,
      overdueLoans: o?.overdueLoans ?? 0,
      overdueAmount: m(o?.overdueAmount ?? 0),
      par30: par30Text(o?.par30Principal ?? 0, o?.outstandingPrincipal ?? 0),
    };
  }
  return { asOf: overdue?.asOf ?? now, countsByStatus, byCurrency };
}

export interface Drift {
  figure: string;
  currency?: string;
  was: number | Money;
  now: number | Money;
}

/** Every figure where the kept counters differ from the recomputed ones, in the reply's terms. */
export function driftBetween(kept: Counters, truth: Counters): Drift[] {
  const keys = [...new Set([...Object.keys(kept), ...Object.keys(truth)])].sort();
  return keys
    .filter((key) => (kept[key] ?? 0) !== (truth[key] ?? 0))
    .map((key): Drift => {
      const [head, figure] = key.split('.');
      if (head === 'count') return { figure: `countsByStatus.${figure}`, was: kept[key] ?? 0, now: truth[key] ?? 0 };
      return { figure, currency: head, was: { amount: kept[key] ?? 0, currency: head }, now: { amount: truth[key] ?? 0, currency: head } };
    });
}

/** The correction that turns `kept` into `truth`. */
export const correction = (kept: Counters, truth: Counters): Counters => merge(truth, negate(kept));
