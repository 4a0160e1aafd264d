/**
 * The loan state machine: (state, action, actor, loan) -> next state, or the domain error that
 * says why not. Pure. Who may act is checked before whether the loan's state allows it: a
 * permission that can never hold is answered the same whatever the loan's state.
 */
import type { Actor, Role } from '@platform/libs/auth';
import { Conflict, Forbidden } from '@platform/libs/errors';

export const LOAN_STATES = ['submitted', 'approved', 'rejected', 'withdrawn', 'active', 'closed', 'written_off'] as const;
export type LoanState = (typeof LOAN_STATES)[number];

export const LOAN_ACTIONS = ['apply', 'approve', 'reject', 'withdraw', 'disburse', 'close', 'reopen', 'write_off'] as const;
export type LoanAction = (typeof LOAN_ACTIONS)[number];

export interface LoanParty {
  borrowerId: string;
}

/** Who may take an action; `selfForbidden` blocks staff deciding on their own application. */
interface Permission {
  roles?: readonly string[];
  borrowerOnly?: boolean;
  selfForbidden?: boolean;
  describe: string;
}

interface Rule {
  /** `null` is "no loan yet": only `apply` starts from there. */
  from: readonly (LoanState | null)[];
  to: LoanState;
  who: Permission;
}

/** Who approves and rejects applications. */
export const DECIDERS: readonly Role[] = ['loan_officer', 'admin'];
/** Who disburses, and records and reverses repayments. */
export const CASHIERS: readonly Role[] = ['accountant', 'admin'];

export const TRANSITIONS: Readonly<Record<LoanAction, Rule>> = {
  apply: { from: [null], to: 'submitted', who: { borrowerOnly: true, describe: 'the borrower' } },
  approve: { from: ['submitted'], to: 'approved', who: { roles: DECIDERS, selfForbidden: true, describe: 'a loan officer or admin' } },
  reject: { from: ['submitted'], to: 'rejected', who: { roles: DECIDERS, selfForbidden: true, describe: 'a loan officer or admin' } },
  withdraw: { from: ['submitted', 'approved'], to: 'withdrawn', who: { borrowerOnly: true, describe: 'the borrower' } },
  disburse: { from: ['approved'], to: 'active', who: { roles: CASHIERS, describe: 'an accountant or admin' } },
  // close and reopen follow money: the final repayment and the reversal of that closing payment.
  close: { from: ['active'], to: 'closed', who: { roles: CASHIERS, describe: 'an accountant or admin' } },
  reopen: { from: ['closed'], to: 'active', who: { roles: CASHIERS, describe: 'an accountant or admin' } },
  write_off: { from: ['active'], to: 'written_off', who: { roles: ['admin'], describe: 'an admin' } },
};

const label = (action: LoanAction): string => action.replace('_', ' ');

function authorize(action: LoanAction, actor: Actor, loan: LoanParty): void {
  const who = TRANSITIONS[action].who;
  if (who.borrowerOnly && actor.userId !== loan.borrowerId) {
    throw new Forbidden(`only the borrower may ${label(action)} this loan`);
  }
  if (who.roles && !who.roles.some((role) => actor.roles.includes(role))) {
    throw new Forbidden(`only ${who.describe} may ${label(action)} a loan`);
  }
  if (who.selfForbidden && actor.userId === loan.borrowerId) {
    throw new Forbidden(`you cannot ${label(action)} your own application`, 'SELF_APPROVAL');
  }
}

/**
 * The state `action` leads to from `state`. Throws Forbidden (FORBIDDEN, SELF_APPROVAL) when the
 * actor may not take it, Conflict INVALID_TRANSITION naming the current state when the loan's
 * state does not allow it.
 */
export function transition(state: LoanState | null, action: LoanAction, actor: Actor, loan: LoanParty): LoanState {
  const rule = TRANSITIONS[action];
  if (!rule) throw new Error(`unknown loan action ${String(action)}`);
  authorize(action, actor, loan);
  if (!rule.from.includes(state)) {
    const now = state === null ? 'loan does not exist yet' : `loan is ${state}`;
    throw new Conflict(`${now}; cannot ${label(action)}`, 'INVALID_TRANSITION', [
      { field: 'status', message: `${label(action)} needs a loan that is ${rule.from.map((s) => s ?? 'new').join(' or ')}`, state },
    ]);
  }
  return rule.to;
}

/** The actions the state machine allows from a state, whoever asks (for docs and UIs). */
export function actionsFrom(state: LoanState | null): LoanAction[] {
  return LOAN_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(state));
}

export const isTerminal = (state: LoanState): boolean => actionsFrom(state).length === 0;

/**
 * Repayments are recorded only on an active loan. A loan never disbursed answers
 * LOAN_NOT_DISBURSED; a closed or written-off one answers a code naming its state.
 */
export function assertAcceptsRepayment(state: LoanState): void {
  if (state === 'active') return;
  const code = state === 'closed' ? 'LOAN_CLOSED' : state === 'written_off' ? 'LOAN_WRITTEN_OFF' : 'LOAN_NOT_DISBURSED';
  throw new Conflict(`loan is ${state}; repayments need an active loan`, code, [{ field: 'loanId', message: `loan is ${state}`, state }]);
}
