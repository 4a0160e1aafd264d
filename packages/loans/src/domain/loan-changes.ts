/**
 * What each loan action writes, decided from the loan as read: the next loan, its history
 * entries and the statistics deltas (LoanRepository writes them in one transaction). No I/O and
 * no clock: `now` comes in, so every rule here is unit-tested (packages/loans/test/loan-changes.test.ts).
 */
import type { Money } from '@platform/libs/money';
import { addDays, formatDate, parseDate } from '@platform/libs/dates';
import { BusinessRule } from '@platform/libs/errors';

import { transition, type LoanAction } from './lifecycle';
import { balances, computeSchedule, withNothingPaid, type Period } from './schedule';
import { disbursementDelta, transitionDelta, writeOffDelta } from './statistics';
import type { HistoryEntry, LoanInstallment, LoanRecord, LoanWrite } from '../model';
import type { Actor } from '@platform/libs/auth';

/** A rate as the domain reads it: decimal text, whichever way it arrived (a JSON number by its text). */
export const rateText = (value: string | number): string => (typeof value === 'number' ? String(value) : value);

export interface Clock {
  /** the instant of the request, ISO 8601 UTC */
  now: string;
  /** its calendar date in UTC */
  today: string;
}

const zero = (currency: string): Money => ({ amount: 0, currency });

/** The loan after a change: one version up (the repository writes it only if nobody else got there first). */
export const nextVersion = (loan: LoanRecord, clock: Clock, fields: Partial<LoanRecord>): LoanRecord => ({
  ...loan,
  ...fields,
  updatedAt: clock.now,
  version: loan.version + 1,
});

/** A state change and its history entry; `extra` adds the action's own fields to the entry. */
function moved(loan: LoanRecord, action: LoanAction, actor: Actor, clock: Clock, extra: Partial<HistoryEntry> = {}) {
  const to = transition(loan.status, action, actor, loan);
  const entry: HistoryEntry = { at: clock.now, actor, action, from: loan.status, to, ...extra };
  return { to, entry };
}

export interface Application {
  principal: Money;
  installments: number;
  every: Period;
  purpose: string;
}

export function applyFor(id: string, borrower: Actor, body: Application, clock: Clock): LoanWrite {
  const to = transition(null, 'apply', borrower, { borrowerId: borrower.userId });
  // Price the terms at 0 % now, so terms no schedule could hold are a 400 here, not at approval.
  computeSchedule({ ...body, annualRatePercent: '0', disbursedOn: clock.today });
  const currency = body.principal.currency;
  const loan: LoanRecord = {
    id,
    borrowerId: borrower.userId,
    status: to,
    principal: body.principal,
    approvedPrincipal: null,
    annualRatePercent: null,
    installments: body.installments,
    every: body.every,
    purpose: body.purpose,
    decision: null,
    disbursedOn: null,
    schedule: null,
    totalInterest: null,
    outstanding: zero(currency),
    outstandingPrincipal: zero(currency),
    createdAt: clock.now,
    updatedAt: clock.now,
    version: 1,
  };
  const entry: HistoryEntry = {
    at: clock.now,
    actor: borrower,
    action: 'apply',
    to,
    amount: body.principal,
    details: { installments: body.installments, every: body.every, purpose: body.purpose },
  };
  return { loan, history: [entry], counters: transitionDelta(null, to), result: undefined };
}

export function approve(
  loan: LoanRecord,
  actor: Actor,
  body: { annualRatePercent: string | number; approvedPrincipal?: Money; note?: string },
  clock: Clock,
): LoanWrite {
  const annualRatePercent = rateText(body.annualRatePercent);
  const approvedPrincipal = body.approvedPrincipal ?? loan.principal;
  const { to, entry } = moved(loan, 'approve', actor, clock, {
    amount: approvedPrincipal,
    details: { annualRatePercent, ...(body.note ? { note: body.note } : {}) },
  });
  if (approvedPrincipal.currency !== loan.principal.currency) {
    throw new BusinessRule(`the loan is in ${loan.principal.currency}`, 'CURRENCY_MISMATCH', [
      { field: 'approvedPrincipal.currency', message: `must be ${loan.principal.currency}` },
    ]);
  }
  if (approvedPrincipal.amount > loan.principal.amount) {
    throw new BusinessRule('the approved principal is more than was applied for', 'APPROVED_PRINCIPAL_TOO_HIGH', [
      { field: 'approvedPrincipal.amount', message: `must be at most ${loan.principal.amount}` },
    ]);
  }
  // Terms the schedule cannot price (rate text, a last due date past 9999) are refused now.
  computeSchedule({ principal: approvedPrincipal, annualRatePercent, installments: loan.installments, every: loan.every, disbursedOn: clock.today });
  const decision = { action: 'approve' as const, by: actor, at: clock.now, ...(body.note ? { note: body.note } : {}) };
  return {
    loan: nextVersion(loan, clock, { status: to, approvedPrincipal, annualRatePercent, decision }),
    history: [entry],
    counters: transitionDelta(loan.status, to),
    result: undefined,
  };
}

export function reject(loan: LoanRecord, actor: Actor, body: { reason: string }, clock: Clock): LoanWrite {
  const { to, entry } = moved(loan, 'reject', actor, clock, { details: { reason: body.reason } });
  const decision = { action: 'reject' as const, by: actor, at: clock.now, reason: body.reason };
  return { loan: nextVersion(loan, clock, { status: to, decision }), history: [entry], counters: transitionDelta(loan.status, to), result: undefined };
}

export function withdraw(loan: LoanRecord, actor: Actor, body: { reason?: string }, clock: Clock): LoanWrite {
  const { to, entry } = moved(loan, 'withdraw', actor, clock, body.reason ? { details: { reason: body.reason } } : {});
  return { loan: nextVersion(loan, clock, { status: to }), history: [entry], counters: transitionDelta(loan.status, to), result: undefined };
}

/** What an approval fixed; a loan past approval without it is a bug, not a request error. */
function approvedTerms(loan: LoanRecord): { principal: Money; annualRatePercent: string } {
  if (!loan.approvedPrincipal || loan.annualRatePercent === null) throw new Error(`loan ${loan.id} is ${loan.status} without approved terms`);
  return { principal: loan.approvedPrincipal, annualRatePercent: loan.annualRatePercent };
}

/** The schedule fixed at disbursement; a disbursed loan without one is a bug, not a request error. */
export function scheduleOf(loan: LoanRecord): LoanInstallment[] {
  if (!loan.schedule) throw new Error(`loan ${loan.id} is ${loan.status} without a schedule`);
  return loan.schedule;
}

/** How far ahead a disbursement may be dated (a transfer booked for a coming day). */
export const MAX_DISBURSEMENT_DAYS_AHEAD = 30;

/** The last day a disbursement may be dated on, seen from the request's day (UTC). */
function latestDisbursementDate(clock: Clock): string {
  const today = parseDate(clock.today);
  if (!today) throw new Error(`the clock's today ${clock.today} is not a date`);
  return formatDate(addDays(today, MAX_DISBURSEMENT_DAYS_AHEAD));
}

/**
 * approved -> active: the schedule is fixed from `disbursedOn` and never recomputed. The date may
 * be up to 30 days ahead, or any earlier date (a loan disbursed before it was entered, as when a
 * lender moves its book in).
 */
export function disburse(loan: LoanRecord, actor: Actor, body: { disbursedOn: string }, clock: Clock): LoanWrite {
  const { to, entry } = moved(loan, 'disburse', actor, clock);
  const latest = latestDisbursementDate(clock);
  if (body.disbursedOn > latest) {
    throw new BusinessRule(`disbursedOn ${body.disbursedOn} is more than ${MAX_DISBURSEMENT_DAYS_AHEAD} days ahead`, 'DISBURSED_ON_IN_FUTURE', [
      { field: 'disbursedOn', message: `must be at most ${latest}` },
    ]);
  }
  const { principal, annualRatePercent } = approvedTerms(loan);
  const schedule = computeSchedule({
    principal,
    annualRatePercent,
    installments: loan.installments,
    every: loan.every,
    disbursedOn: body.disbursedOn,
  });
  const rows = withNothingPaid(schedule.installments);
  entry.amount = principal;
  entry.details = { disbursedOn: body.disbursedOn, totalInterest: schedule.totalInterest, totalPayable: schedule.totalPayable };
  return {
    loan: nextVersion(loan, clock, {
      status: to,
      disbursedOn: body.disbursedOn,
      schedule: rows,
      totalInterest: schedule.totalInterest,
      ...balances(rows, principal.currency),
    }),
    history: [entry],
    counters: disbursementDelta(principal, schedule.totalInterest),
    result: undefined,
  };
}

/** active -> written_off (admin): what is still owed stays on the loan, and leaves the outstanding portfolio. */
export function writeOff(loan: LoanRecord, actor: Actor, body: { reason?: string }, clock: Clock): LoanWrite {
  const { to, entry } = moved(loan, 'write_off', actor, clock, {
    amount: loan.outstanding,
    details: { outstandingPrincipal: loan.outstandingPrincipal, ...(body.reason ? { reason: body.reason } : {}) },
  });
  return { loan: nextVersion(loan, clock, { status: to }), history: [entry], counters: writeOffDelta(loan.outstandingPrincipal), result: undefined };
}

/** A loan as the API shows it: everything but the stored schedule (GET /loans/{id}/schedule has that). */
export function loanView(loan: LoanRecord) {
  const { schedule: _schedule, ...view } = loan;
  return view;
}
