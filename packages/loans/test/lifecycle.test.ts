import { Conflict, Forbidden, type AppError } from '@platform/libs/errors';
import { actionsFrom, assertAcceptsRepayment, LOAN_ACTIONS, LOAN_STATES, transition, type LoanAction, type LoanState } from '../src/domain/lifecycle';
import type { Actor } from '@platform/libs/auth';

const loan = { borrowerId: 'borrower' };
const actors = {
  borrower: { userId: 'borrower', roles: ['user'] },
  otherUser: { userId: 'someone-else', roles: ['user'] },
  officer: { userId: 'officer', roles: ['user', 'loan_officer'] },
  accountant: { userId: 'accountant', roles: ['user', 'accountant'] },
  admin: { userId: 'admin', roles: ['user', 'admin'] },
  officerWhoBorrowed: { userId: 'borrower', roles: ['user', 'loan_officer'] },
  adminWhoBorrowed: { userId: 'borrower', roles: ['user', 'admin'] },
  accountantWhoBorrowed: { userId: 'borrower', roles: ['user', 'accountant'] },
} satisfies Record<string, Actor>;

/** Someone the rules let take each action, so the state table tests the states alone. */
const allowedActor: Record<LoanAction, Actor> = {
  apply: actors.borrower,
  approve: actors.officer,
  reject: actors.officer,
  withdraw: actors.borrower,
  disburse: actors.accountant,
  close: actors.accountant,
  reopen: actors.accountant,
  write_off: actors.admin,
};

const errorOf = (fn: () => unknown): AppError | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e as AppError;
  }
};

// The whole state machine: every (state, action) pair; `-` is a 409 INVALID_TRANSITION.
// null is "no loan yet", the state `apply` starts from.
const MACHINE: Record<string, Record<LoanAction, LoanState | '-'>> = {
  new: { apply: 'submitted', approve: '-', reject: '-', withdraw: '-', disburse: '-', close: '-', reopen: '-', write_off: '-' },
  submitted: { apply: '-', approve: 'approved', reject: 'rejected', withdraw: 'withdrawn', disburse: '-', close: '-', reopen: '-', write_off: '-' },
  approved: { apply: '-', approve: '-', reject: '-', withdraw: 'withdrawn', disburse: 'active', close: '-', reopen: '-', write_off: '-' },
  rejected: { apply: '-', approve: '-', reject: '-', withdraw: '-', disburse: '-', close: '-', reopen: '-', write_off: '-' },
  withdrawn: { apply: '-', approve: '-', reject: '-', withdraw: '-', disburse: '-', close: '-', reopen: '-', write_off: '-' },
  active: { apply: '-', approve: '-', reject: '-', withdraw: '-', disburse: '-', close: 'closed', reopen: '-', write_off: 'written_off' },
  closed: { apply: '-', approve: '-', reject: '-', withdraw: '-', disburse: '-', close: '-', reopen: 'active', write_off: '-' },
  written_off: { apply: '-', approve: '-', reject: '-', withdraw: '-', disburse: '-', close: '-', reopen: '-', write_off: '-' },
};
const pairs = Object.entries(MACHINE).flatMap(([state, row]) =>
  LOAN_ACTIONS.map((action) => [state, action, row[action]] as [string, LoanAction, LoanState | '-']),
);

describe('transition: every (state, action) pair', () => {
  it('the table covers every state and every action', () => {
    expect(Object.keys(MACHINE).sort()).toEqual(['new', ...LOAN_STATES].sort());
    expect(pairs).toHaveLength((LOAN_STATES.length + 1) * LOAN_ACTIONS.length);
  });

  it.each(pairs)('from %s, %s gives %s', (state, action, expected) => {
    const from = state === 'new' ? null : (state as LoanState);
    const act = (): LoanState => transition(from, action, allowedActor[action], loan);
    if (expected !== '-') {
      expect(act()).toBe(expected);
      return;
    }
    const error = errorOf(act);
    expect(error).toBeInstanceOf(Conflict);
    expect({ status: error?.status, code: error?.code }).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
    expect(error?.message).toBe(`${from === null ? 'loan does not exist yet' : `loan is ${from}`}; cannot ${action.replace('_', ' ')}`);
  });
});

describe('transition: who may take each action', () => {
  it.each<[LoanAction, LoanState | null, keyof typeof actors, LoanState | 'FORBIDDEN' | 'SELF_APPROVAL']>([
    ['apply', null, 'borrower', 'submitted'],
    ['apply', null, 'otherUser', 'FORBIDDEN'],
    ['approve', 'submitted', 'officer', 'approved'],
    ['approve', 'submitted', 'admin', 'approved'],
    ['approve', 'submitted', 'accountant', 'FORBIDDEN'],
    ['approve', 'submitted', 'borrower', 'FORBIDDEN'],
    ['approve', 'submitted', 'officerWhoBorrowed', 'SELF_APPROVAL'],
    ['approve', 'submitted', 'adminWhoBorrowed', 'SELF_APPROVAL'],
    ['reject', 'submitted', 'officer', 'rejected'],
    ['reject', 'submitted', 'admin', 'rejected'],
    ['reject', 'submitted', 'accountant', 'FORBIDDEN'],
    ['reject', 'submitted', 'borrower', 'FORBIDDEN'],
    ['reject', 'submitted', 'officerWhoBorrowed', 'SELF_APPROVAL'],
    ['reject', 'submitted', 'adminWhoBorrowed', 'SELF_APPROVAL'],
    ['withdraw', 'submitted', 'borrower', 'withdrawn'],
    ['withdraw', 'approved', 'borrower', 'withdrawn'],
    ['withdraw', 'submitted', 'admin', 'FORBIDDEN'],
    ['withdraw', 'submitted', 'officer', 'FORBIDDEN'],
    ['withdraw', 'approved', 'otherUser', 'FORBIDDEN'],
    ['disburse', 'approved', 'accountant', 'active'],
    ['disburse', 'approved', 'admin', 'active'],
    ['disburse', 'approved', 'accountantWhoBorrowed', 'active'],
    ['disburse', 'approved', 'officer', 'FORBIDDEN'],
    ['disburse', 'approved', 'borrower', 'FORBIDDEN'],
    ['close', 'active', 'accountant', 'closed'],
    ['close', 'active', 'admin', 'closed'],
    ['close', 'active', 'officer', 'FORBIDDEN'],
    ['close', 'active', 'borrower', 'FORBIDDEN'],
    ['reopen', 'closed', 'accountant', 'active'],
    ['reopen', 'closed', 'admin', 'active'],
    ['reopen', 'closed', 'officer', 'FORBIDDEN'],
    ['write_off', 'active', 'admin', 'written_off'],
    ['write_off', 'active', 'accountant', 'FORBIDDEN'],
    ['write_off', 'active', 'officer', 'FORBIDDEN'],
    ['write_off', 'active', 'borrower', 'FORBIDDEN'],
  ])('%s from %s by %s gives %s', (action, state, who, expected) => {
    const act = (): LoanState => transition(state, action, actors[who], loan);
    if (expected !== 'FORBIDDEN' && expected !== 'SELF_APPROVAL') {
      expect(act()).toBe(expected);
      return;
    }
    const error = errorOf(act);
    expect(error).toBeInstanceOf(Forbidden);
    expect({ status: error?.status, code: error?.code }).toEqual({ status: 403, code: expected });
  });

  it.each<[string, LoanState, LoanAction, keyof typeof actors, string]>([
    ['a borrower approving their rejected loan is told they lack the role', 'rejected', 'approve', 'borrower', 'FORBIDDEN'],
    ['an officer approving their own approved loan is told it is their own', 'approved', 'approve', 'officerWhoBorrowed', 'SELF_APPROVAL'],
    ['a stranger withdrawing a closed loan is told only the borrower may', 'closed', 'withdraw', 'otherUser', 'FORBIDDEN'],
  ])('who may act is checked before the state: %s', (_rule, state, action, who, code) => {
    expect(errorOf(() => transition(state, action, actors[who], loan))?.code).toBe(code);
  });
});

describe('actionsFrom: what each state allows, whoever asks', () => {
  it.each<[LoanState | null, LoanAction[]]>([
    [null, ['apply']],
    ['submitted', ['approve', 'reject', 'withdraw']],
    ['approved', ['withdraw', 'disburse']],
    ['rejected', []],
    ['withdrawn', []],
    ['active', ['close', 'write_off']],
    ['closed', ['reopen']],
    ['written_off', []],
  ])('from %s: %j', (state, actions) => {
    expect(actionsFrom(state)).toEqual(actions);
  });
});

describe('assertAcceptsRepayment: repayments only on an active loan', () => {
  it.each<[LoanState, string | undefined]>([
    ['active', undefined],
    ['submitted', 'LOAN_NOT_DISBURSED'],
    ['approved', 'LOAN_NOT_DISBURSED'],
    ['rejected', 'LOAN_NOT_DISBURSED'],
    ['withdrawn', 'LOAN_NOT_DISBURSED'],
    ['closed', 'LOAN_CLOSED'],
    ['written_off', 'LOAN_WRITTEN_OFF'],
  ])('a loan that is %s: %s', (state, code) => {
    const error = errorOf(() => assertAcceptsRepayment(state));
    expect(error?.code).toBe(code);
    if (code) expect({ status: error?.status, message: error?.message }).toEqual({ status: 409, message: `loan is ${state}; repayments need an active loan` });
  });
});
