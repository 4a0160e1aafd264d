/**
 * What recording and reversing a repayment write, decided from the loan as read (pure; the
 * repository writes it in one transaction with the loan's version as condition). The rules live
 * in the loans domain: allocation (interest then principal, oldest installment first), the state
 * machine (close on the final payment, reopen on its reversal) and the statistics deltas.
 */
import { BusinessRule, Conflict } from '@platform/libs/errors';
import type { Money } from '@platform/libs/money';

import { allocateRepayment, reverseAllocation } from './allocation';
import { assertAcceptsRepayment, transition } from './lifecycle';
import { balances } from './schedule';
import { merge, repaymentDelta, reversalDelta, transitionDelta } from './statistics';
import { nextVersion, scheduleOf, type Clock } from './loan-changes';
import type { HistoryEntry, LoanRecord, LoanWrite, RepaymentMethod, RepaymentRecord, RepaymentReversal } from '../model';
import type { Actor } from '@platform/libs/auth';

export interface RepaymentRequest {
  loanId: string;
  amount: Money;
  paidOn: string;
  method: RepaymentMethod;
  reference?: string;
}

/** What POST /repayments answers. */
export interface RecordedReply {
  repayment: RepaymentRecord;
  allocation: { interest: Money; principal: Money };
  loan: { id: string; outstanding: Money; outstandingPrincipal: Money; status: LoanRecord['status']; version: number };
}

function assertPaidOnInRange(loan: LoanRecord, paidOn: string, today: string): void {
  if (paidOn > today) {
    throw new BusinessRule(`paidOn ${paidOn} is in the future`, 'PAID_ON_IN_FUTURE', [{ field: 'paidOn', message: `must be at most ${today}` }]);
  }
  if (loan.disbursedOn && paidOn < loan.disbursedOn) {
    throw new BusinessRule(`paidOn ${paidOn} is before the loan was disbursed on ${loan.disbursedOn}`, 'PAID_ON_BEFORE_DISBURSEMENT', [
      { field: 'paidOn', message: `must be on or after ${loan.disbursedOn}` },
    ]);
  }
}

/** Allocates the payment; the one that clears the schedule closes the loan in the same write. */
export function recordRepayment(
  loan: LoanRecord,
  id: string,
  actor: Actor,
  body: RepaymentRequest,
  clock: Clock,
): LoanWrite<RecordedReply> & { repayment: RepaymentRecord } {
  assertAcceptsRepayment(loan.status);
  assertPaidOnInRange(loan, body.paidOn, clock.today);
  const allocated = allocateRepayment(scheduleOf(loan), body.amount);
  const closes = allocated.outstanding.amount === 0;
  const status = closes ? transition(loan.status, 'close', actor, loan) : loan.status;
  const repayment: RepaymentRecord = {
    id,
    loanId: loan.id,
    borrowerId: loan.borrowerId,
    amount: body.amount,
    paidOn: body.paidOn,
    method: body.method,
    reference: body.reference ?? null,
    allocation: allocated.allocation,
    perInstallment: allocated.perInstallment,
    status: 'recorded',
    recordedBy: actor,
    reversal: null,
    createdAt: clock.now,
    updatedAt: clock.now,
    version: 1,
  };
  const next = nextVersion(loan, clock, { status, schedule: allocated.installments, ...balances(allocated.installments, loan.principal.currency) });
  const history: HistoryEntry[] = [
    {
      at: clock.now,
      actor,
      action: 'repayment',
      amount: body.amount,
      details: {
        repaymentId: id,
        paidOn: body.paidOn,
        method: body.method,
        allocation: allocated.allocation,
        ...(body.reference ? { reference: body.reference } : {}),
      },
    },
    ...(closes ? [{ at: clock.now, actor, action: 'close', from: loan.status, to: status }] : []),
  ];
  const loanSummary = { id: loan.id, outstanding: next.outstanding, outstandingPrincipal: next.outstandingPrincipal, status, version: next.version };
  return {
    loan: next,
    history,
    counters: merge(repaymentDelta(allocated.allocation), closes ? transitionDelta(loan.status, status) : {}),
    repayment,
    result: { repayment, allocation: allocated.allocation, loan: loanSummary },
  };
}

/** Gives back exactly what the repayment took; reversing on a closed loan reopens it. */
export function reverseRepayment(loan: LoanRecord, repayment: RepaymentRecord, actor: Actor, reason: string, clock: Clock): LoanWrite {
  if (repayment.status === 'reversed') throw new Conflict(`Repayment ${repayment.id} has already been reversed`, 'ALREADY_REVERSED');
  if (loan.status !== 'active' && loan.status !== 'closed') {
    const code = loan.status === 'written_off' ? 'LOAN_WRITTEN_OFF' : 'LOAN_NOT_DISBURSED';
    throw new Conflict(`loan is ${loan.status}; its repayments cannot be reversed`, code, [
      { field: 'loanId', message: `loan is ${loan.status}`, state: loan.status },
    ]);
  }
  const reopens = loan.status === 'closed';
  const status = reopens ? transition(loan.status, 'reopen', actor, loan) : loan.status;
  const schedule = reverseAllocation(scheduleOf(loan), repayment.perInstallment);
  const history: HistoryEntry[] = [
    {
      at: clock.now,
      actor,
      action: 'repayment_reversed',
      amount: repayment.amount,
      details: { repaymentId: repayment.id, reason, allocation: repayment.allocation },
    },
    ...(reopens ? [{ at: clock.now, actor, action: 'reopen', from: loan.status, to: status }] : []),
  ];
  return {
    loan: nextVersion(loan, clock, { status, schedule, ...balances(schedule, loan.principal.currency) }),
    history,
    counters: merge(reversalDelta(repayment.allocation), reopens ? transitionDelta(loan.status, status) : {}),
    result: undefined,
  };
}

/** What POST /repayments/{id}/reverse answers: the repayment as now stored, and the loan's balances. */
export function reversalReply(repayment: RepaymentRecord, reversal: RepaymentReversal, loan: LoanRecord) {
  return {
    repayment: { ...repayment, status: 'reversed' as const, reversal, updatedAt: reversal.at, version: repayment.version + 1 },
    loan: { id: loan.id, outstanding: loan.outstanding, outstandingPrincipal: loan.outstandingPrincipal, status: loan.status, version: loan.version },
  };
}
