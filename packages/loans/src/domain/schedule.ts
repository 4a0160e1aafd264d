/**
 * Repayment schedule of a loan: declining balance, equal installments (EMI), 30/360 day count,
 * every money figure rounded half-even to the currency's minor unit. Pure: no I/O, no clock.
 * The formula and a worked example are in docs/loans-domain.md.
 */
import { ratioOf, roundHalfEven, type Money, type Ratio } from '@platform/libs/money';
import { addDays, addMonths, daysBetween, formatDate, parseDate, type CalendarDate } from '@platform/libs/dates';
import { ValidationError, type ErrorDetail } from '@platform/libs/errors';

/** Largest number of installments a schedule may have (a weekly loan over ~19 years). */
export const MAX_INSTALLMENTS = 1000;
/** Largest annual rate accepted, in percent; keeps every figure a safe integer. */
export const MAX_ANNUAL_RATE_PERCENT = 1000;
const RATE_RE = /^\d{1,4}(\.\d{1,10})?$/;

export const PERIOD_UNITS = ['months', 'weeks'] as const;
/** Longest period between installments: 120 months or weeks. */
export const MAX_PERIOD_LENGTH = 120;

export interface Period {
  unit: (typeof PERIOD_UNITS)[number];
  n: number;
}

export interface ScheduleTerms {
  principal: Money;
  /** Decimal text, e.g. "12" or "9.4822": never read through a binary float. */
  annualRatePercent: string;
  installments: number;
  every: Period;
  disbursedOn: string;
}

export interface Installment {
  number: number;
  dueDate: string;
  principal: Money;
  interest: Money;
  total: Money;
}

export interface Schedule {
  currency: string;
  principal: Money;
  totalInterest: Money;
  totalPayable: Money;
  installments: Installment[];
}

/** An installment as a loan stores it: what was scheduled plus what has been paid, in minor units. */
export interface InstallmentState extends Installment {
  paidPrincipal: number;
  paidInterest: number;
}

/** One row of GET /loans/{id}/schedule. */
export interface ScheduleRow extends Installment {
  paid: Money;
  outstanding: Money;
  daysOverdue: number;
}

export interface ScheduleView extends Schedule {
  installments: ScheduleRow[];
  /** Everything still owed: scheduled principal and interest not yet paid. */
  outstanding: Money;
  outstandingPrincipal: Money;
}

const m = (amount: number, currency: string): Money => ({ amount, currency });
/** An exact number of minor units num/den, rounded half-even to a whole one. */
const halfEven = (num: bigint, den: bigint): number => Number(roundHalfEven(num, den));

/** Days in one period under 30/360: a month counts 30 days, a week 7. */
export function periodDays(every: Period): number {
  return (every.unit === 'months' ? 30 : 7) * every.n;
}

/** Periodic rate r = annualRate / 100 * days / 360, exact (a fraction of integers). */
export function periodicRate(annualRatePercent: string, every: Period): Ratio {
  const rate = ratioOf(annualRatePercent);
  return { num: rate.num * BigInt(periodDays(every)), den: rate.den * 100n * 360n };
}

/** Due date of installment k: k periods from disbursement (not chained), clamped to the month's end. */
export function dueDate(disbursedOn: CalendarDate, every: Period, k: number): string {
  const due = every.unit === 'months' ? addMonths(disbursedOn, k * every.n) : addDays(disbursedOn, 7 * k * every.n);
  return formatDate(due);
}

const aboveMaxRate = (rate: Ratio): boolean => rate.num > BigInt(MAX_ANNUAL_RATE_PERCENT) * rate.den;

function validateTerms(terms: ScheduleTerms): CalendarDate {
  const details: ErrorDetail[] = [];
  const { principal, annualRatePercent: rate, installments, every } = terms;
  if (!Number.isSafeInteger(principal?.amount) || principal.amount <= 0) {
    details.push({ field: 'principal.amount', message: 'must be a positive whole number of minor units' });
  }
  if (typeof rate !== 'string' || !RATE_RE.test(rate) || aboveMaxRate(ratioOf(rate))) {
    details.push({ field: 'annualRatePercent', message: `must be a decimal between 0 and ${MAX_ANNUAL_RATE_PERCENT}` });
  }
  if (!Number.isInteger(installments) || installments < 1 || installments > MAX_INSTALLMENTS) {
    details.push({ field: 'installments', message: `must be a whole number from 1 to ${MAX_INSTALLMENTS}` });
  }
  if (every?.unit !== 'months' && every?.unit !== 'weeks') {
    details.push({ field: 'every.unit', message: 'must be months or weeks' });
  }
  if (!Number.isInteger(every?.n) || every.n < 1 || every.n > MAX_PERIOD_LENGTH) {
    details.push({ field: 'every.n', message: `must be a whole number from 1 to ${MAX_PERIOD_LENGTH}` });
  }
  const disbursedOn = parseDate(terms.disbursedOn);
  if (!disbursedOn) details.push({ field: 'disbursedOn', message: 'must be a calendar date YYYY-MM-DD' });
  if (details.length > 0 || !disbursedOn) throw new ValidationError('Invalid loan terms', details);
  // Dates are written YYYY-MM-DD, so the last due date must stay within year 9999.
  if (!parseDate(dueDate(disbursedOn, every, installments))) {
    throw new ValidationError('Invalid loan terms', [{ field: 'installments', message: 'the last due date is beyond year 9999' }]);
  }
  return disbursedOn;
}

/**
 * The EMI in minor units: P*r / (1 - (1+r)^-n), or P/n at 0 %, rounded half-even.
 * Computed on minor units directly: rounding minor units to an integer is rounding to the minor unit.
 * Exact: with r = a/b it is P*a*(a+b)^n / (b*((a+b)^n - b^n)), one fraction of integers.
 */
export function installmentAmount(principalMinor: number, r: Ratio, n: number): number {
  const p = BigInt(principalMinor);
  if (r.num === 0n) return halfEven(p, BigInt(n));
  const grown = (r.num + r.den) ** BigInt(n);
  return halfEven(p * r.num * grown, r.den * (grown - r.den ** BigInt(n)));
}

/** The full schedule of a loan; throws ValidationError on terms it cannot price. */
export function computeSchedule(terms: ScheduleTerms): Schedule {
  const disbursedOn = validateTerms(terms);
  const { currency, amount: principal } = terms.principal;
  const count = terms.installments;
  const r = periodicRate(terms.annualRatePercent, terms.every);
  const emi = installmentAmount(principal, r, count);

  const installments: Installment[] = [];
  let remaining = principal;
  let totalInterest = 0;
  for (let k = 1; k <= count; k += 1) {
    const interest = halfEven(BigInt(remaining) * r.num, r.den);
    // Clamped to what is left: at tiny principals a rounded-up EMI could otherwise repay more than is owed.
    const principalPart = k === count ? remaining : Math.min(Math.max(emi - interest, 0), remaining);
    remaining -= principalPart;
    totalInterest += interest;
    installments.push({
      number: k,
      dueDate: dueDate(disbursedOn, terms.every, k),
      principal: m(principalPart, currency),
      interest: m(interest, currency),
      total: m(principalPart + interest, currency),
    });
  }
  if (!Number.isSafeInteger(principal + totalInterest)) {
    throw new ValidationError('Loan terms give amounts too large to represent', [{ field: 'principal.amount', message: 'too large' }]);
  }
  return {
    currency,
    principal: m(principal, currency),
    totalInterest: m(totalInterest, currency),
    totalPayable: m(principal + totalInterest, currency),
    installments,
  };
}

/** A freshly disbursed schedule as stored: nothing paid yet. */
export function withNothingPaid(installments: readonly Installment[]): InstallmentState[] {
  return installments.map((row) => ({ ...row, paidPrincipal: 0, paidInterest: 0 }));
}

/** Minor units still owed on one installment (interest and principal). */
export function installmentOutstanding(row: InstallmentState): number {
  return row.principal.amount - row.paidPrincipal + (row.interest.amount - row.paidInterest);
}

/** Days from the due date to `asOf` for an installment not fully paid; 0 when paid or not yet due. */
export function daysOverdue(row: InstallmentState, asOf: string | CalendarDate): number {
  if (installmentOutstanding(row) <= 0) return 0;
  const due = parseDate(row.dueDate);
  const on = typeof asOf === 'string' ? parseDate(asOf) : asOf;
  if (!due || !on) throw new RangeError(`invalid date: due ${row.dueDate}, asOf ${String(asOf)}`);
  return Math.max(0, daysBetween(due, on));
}

/** The live schedule of a loan as of a date: per row paid, outstanding and days overdue, plus loan totals. */
export function viewSchedule(installments: readonly InstallmentState[], asOf: string | CalendarDate): ScheduleView {
  if (installments.length === 0) throw new RangeError('a schedule has at least one installment');
  const currency = installments[0].principal.currency;
  const on = typeof asOf === 'string' ? parseDate(asOf) : asOf;
  if (!on) throw new RangeError(`invalid asOf date: ${String(asOf)}`);

  let principal = 0;
  let interest = 0;
  let outstanding = 0;
  let outstandingPrincipal = 0;
  const rows = [...installments]
    .sort((a, b) => a.number - b.number)
    .map((row): ScheduleRow => {
      const rowOutstanding = installmentOutstanding(row);
      principal += row.principal.amount;
      interest += row.interest.amount;
      outstanding += rowOutstanding;
      outstandingPrincipal += row.principal.amount - row.paidPrincipal;
      return {
        number: row.number,
        dueDate: row.dueDate,
        principal: row.principal,
        interest: row.interest,
        total: row.total,
        paid: m(row.paidPrincipal + row.paidInterest, currency),
        outstanding: m(rowOutstanding, currency),
        daysOverdue: daysOverdue(row, on),
      };
    });
  return {
    currency,
    principal: m(principal, currency),
    totalInterest: m(interest, currency),
    totalPayable: m(principal + interest, currency),
    installments: rows,
    outstanding: m(outstanding, currency),
    outstandingPrincipal: m(outstandingPrincipal, currency),
  };
}

/** Days overdue of the loan: those of its oldest installment not fully paid (0 when none is late). */
export function loanDaysOverdue(installments: readonly InstallmentState[], asOf: string | CalendarDate): number {
  return installments.reduce((worst, row) => Math.max(worst, daysOverdue(row, asOf)), 0);
}

/** What a loan still owes on its schedule: everything (principal and scheduled interest) and principal alone. */
export function balances(installments: readonly InstallmentState[], currency: string): { outstanding: Money; outstandingPrincipal: Money } {
  let outstanding = 0;
  let outstandingPrincipal = 0;
  for (const row of installments) {
    outstanding += installmentOutstanding(row);
    outstandingPrincipal += row.principal.amount - row.paidPrincipal;
  }
  return { outstanding: m(outstanding, currency), outstandingPrincipal: m(outstandingPrincipal, currency) };
}
