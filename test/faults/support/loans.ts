/**
 * Skycap Loans through its real handlers, invoked directly: the people of a loan and the steps
 * that take one to `active`. Load after platformEnvironment() (handlers read it when they load).
 */
import { randomUUID } from 'node:crypto';
import { type Caller, caller, handlerOf, invoke, type Reply } from './components';

export interface Cast {
  borrower: Caller;
  officer: Caller;
  accountant: Caller;
  admin: Caller;
}

export interface LoanReply {
  id: string;
  status: string;
  version: number;
  outstanding: { amount: number; currency: string };
  outstandingPrincipal: { amount: number; currency: string };
}

export const today = () => new Date().toISOString().slice(0, 10);
export const key = () => `faults-${randomUUID()}`;

export async function cast(): Promise<Cast> {
  const [borrower, officer, accountant, admin] = await Promise.all([caller(), caller(['loan_officer']), caller(['accountant']), caller(['admin'])]);
  return { borrower, officer, accountant, admin };
}

export function loanHandlers() {
  return {
    apply: handlerOf('loans', 'apply'),
    approve: handlerOf('loans', 'approve'),
    withdraw: handlerOf('loans', 'withdraw'),
    disburse: handlerOf('loans', 'disburse'),
    get: handlerOf('loans', 'get'),
    history: handlerOf('loans', 'history'),
    rebuild: handlerOf('loans', 'stats-rebuild'),
    summary: handlerOf('loans', 'stats-summary'),
    record: handlerOf('repayments', 'record'),
    listRepayments: handlerOf('repayments', 'list'),
  };
}

type Handlers = ReturnType<typeof loanHandlers>;

const ok = <T>(what: string, reply: Reply<T>, status: number): T => {
  if (reply.status !== status) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
};

export const application = (amount = 120_000) => ({
  principal: { amount, currency: 'USD' },
  installments: 6,
  every: { unit: 'months', n: 1 },
  purpose: 'a delivery motorbike',
});

export const apply = (h: Handlers, who: Caller, idempotencyKey = key(), body: unknown = application()) =>
  invoke<LoanReply>(h.apply, { method: 'POST', resource: '/loans/apply', body, headers: { 'Idempotency-Key': idempotencyKey }, as: who });

export const approve = (h: Handlers, people: Cast, loanId: string) =>
  invoke<LoanReply>(h.approve, {
    method: 'POST',
    resource: '/loans/{loanId}/approve',
    pathParameters: { loanId },
    body: { annualRatePercent: '12' },
    as: people.officer,
  });

export const withdraw = (h: Handlers, people: Cast, loanId: string) =>
  invoke<LoanReply>(h.withdraw, { method: 'POST', resource: '/loans/{loanId}/withdraw', pathParameters: { loanId }, body: {}, as: people.borrower });

export async function activeLoan(h: Handlers, people: Cast, amount = 120_000): Promise<LoanReply> {
  const loan = ok('apply', await apply(h, people.borrower, key(), application(amount)), 201);
  ok('approve', await approve(h, people, loan.id), 200);
  return ok(
    'disburse',
    await invoke<LoanReply>(h.disburse, {
      method: 'POST',
      resource: '/loans/{loanId}/disburse',
      pathParameters: { loanId: loan.id },
      body: { disbursedOn: today() },
      as: people.accountant,
    }),
    200,
  );
}

export const repay = (h: Handlers, people: Cast, loanId: string, amount: number, idempotencyKey = key()) =>
  invoke<{ repayment: { id: string; amount: { amount: number } }; loan: { outstanding: { amount: number } } }>(h.record, {
    method: 'POST',
    resource: '/repayments',
    body: { loanId, amount: { amount, currency: 'USD' }, paidOn: today(), method: 'cash' },
    headers: { 'Idempotency-Key': idempotencyKey },
    as: people.accountant,
  });

export const getLoan = async (h: Handlers, people: Cast, loanId: string) =>
  ok('get loan', await invoke<LoanReply>(h.get, { method: 'GET', resource: '/loans/{loanId}', pathParameters: { loanId }, as: people.admin }), 200);

export async function repaymentsOf(h: Handlers, people: Cast, loanId: string): Promise<{ id: string; amount: { amount: number }; status: string }[]> {
  const reply = await invoke<{ items: { id: string; amount: { amount: number }; status: string }[] }>(h.listRepayments, {
    method: 'GET',
    resource: '/repayments',
    query: { loanId, limit: '100' },
    as: people.admin,
  });
  return ok('list repayments', reply, 200).items;
}

export async function historyOf(h: Handlers, people: Cast, loanId: string): Promise<{ action: string; from?: string; to?: string }[]> {
  const reply = await invoke<{ items: { action: string; from?: string; to?: string }[] }>(h.history, {
    method: 'GET',
    resource: '/loans/{loanId}/history',
    pathParameters: { loanId },
    query: { limit: '100' },
    as: people.admin,
  });
  return ok('history', reply, 200).items;
}

/** POST /loans/stats/rebuild: the drift it corrected (none when every write kept the statistics). */
export async function statisticsDrift(h: Handlers, people: Cast): Promise<unknown[]> {
  const reply = await invoke<{ drift: unknown[] }>(h.rebuild, { method: 'POST', resource: '/loans/stats/rebuild', as: people.admin });
  return ok('rebuild', reply, 200).drift;
}
