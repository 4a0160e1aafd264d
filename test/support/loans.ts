/**
 * Integration-test helpers for Skycap Loans over HTTP: the four people of a loan (a borrower and
 * staff made by the admin), and the steps that take a loan through its lifecycle, all through the
 * typed client (@platform/api-client).
 */
import { randomUUID } from 'node:crypto';
import type { ApiClient, operations, Schema } from '@platform/api-client';
import { client, type ClientResult, expectData } from './http';
import { loginAdmin, registerUser, TEST_PASSWORD, uniqueEmail } from './users';

export { dbCalls } from './http';

export type Loan = Schema<'Loan'>;
export type Money = Schema<'Money'>;
export type Role = Schema<'PublicUser'>['roles'][number];
/** The body of POST /loans/apply. */
export type LoanApplication = operations['applyForLoan']['requestBody']['content']['application/json'];
/** The body of POST /repayments. */
export type RepaymentRequest = operations['recordRepayment']['requestBody']['content']['application/json'];

export interface Person {
  userId: string;
  token: string;
}

export interface Cast {
  borrower: Person;
  officer: Person;
  accountant: Person;
  admin: Person;
}

/** expectData with what the step was in the failure. */
const ok = <R extends ClientResult>(what: string, result: R, status: number): NonNullable<R['data']> => {
  try {
    return expectData(result, status);
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`);
  }
};

/** The typed client signed in as one person. */
export const as = (person: Person): ApiClient => client(person.token);

export async function borrower(): Promise<Person> {
  const session = await registerUser();
  return { userId: session.user.id, token: session.accessToken };
}

/** A staff member with these roles, created by the admin, logged in with the temporary password. */
export async function staff(adminToken: string, roles: Role[]): Promise<Person> {
  const email = uniqueEmail(roles[0]);
  const created = ok(
    'create staff',
    await client(adminToken).POST('/users', { body: { email, name: `Staff ${roles.join(' ')}`, roles, temporaryPassword: TEST_PASSWORD } }),
    201,
  );
  const login = ok('staff login', await client().POST('/auth/login', { body: { email, password: TEST_PASSWORD } }), 200);
  return { userId: created.id, token: login.accessToken };
}

export async function cast(): Promise<Cast> {
  const adminSession = await loginAdmin();
  const admin = { userId: adminSession.user.id, token: adminSession.accessToken };
  const [b, officer, accountant] = await Promise.all([borrower(), staff(admin.token, ['loan_officer']), staff(admin.token, ['accountant'])]);
  return { borrower: b, officer, accountant, admin };
}

export const key = (): string => `test-${randomUUID()}`;

/** The Idempotency-Key header as the typed client's `params.header`: a fresh key, or the one given. */
export const idempotencyKey = (value: string = key()): { 'Idempotency-Key': string } => ({ 'Idempotency-Key': value });

export const money = (amount: number, currency = 'USD'): Money => ({ amount, currency });

export const application = (currency = 'USD', amount = 10_000): LoanApplication => ({
  principal: money(amount, currency),
  installments: 6,
  every: { unit: 'months', n: 1 },
  purpose: 'a delivery motorbike',
});

/** apply -> approve (12 %) -> disburse on 2024-01-01: the Fineract reference loan when 100.00. */
export async function activeLoan(people: Cast, currency = 'USD', amount = 10_000, disbursedOn = '2024-01-01'): Promise<Loan> {
  const applied = ok(
    'apply',
    await as(people.borrower).POST('/loans/apply', { params: { header: idempotencyKey() }, body: application(currency, amount) }),
    201,
  );
  const path = { loanId: applied.id };
  ok('approve', await as(people.officer).POST('/loans/{loanId}/approve', { params: { path }, body: { annualRatePercent: '12' } }), 200);
  return ok('disburse', await as(people.accountant).POST('/loans/{loanId}/disburse', { params: { path }, body: { disbursedOn } }), 200);
}

const repaymentOf = (loanId: string, amount: number, currency: string, paidOn: string): RepaymentRequest => ({
  loanId,
  amount: money(amount, currency),
  paidOn,
  method: 'bank_transfer',
});

/** POST /repayments by the accountant with a fresh Idempotency-Key: the typed reply, whatever its status. */
export async function repay(people: Cast, loanId: string, amount: number, currency = 'USD', paidOn = '2024-02-01') {
  return as(people.accountant).POST('/repayments', { params: { header: idempotencyKey() }, body: repaymentOf(loanId, amount, currency, paidOn) });
}

export type RepaymentReply = Awaited<ReturnType<typeof repay>>;

/**
 * What a careful client does: retry a request that got no answer (504 from a Lambda timeout, 503)
 * or was told to try again (409 CONCURRENT_UPDATE) with the SAME Idempotency-Key, so a payment
 * that did commit is replayed, never made twice.
 * (serverless-offline boots a worker per concurrent request; on a busy 2-core machine 20 of them
 * queue past the 10 s timeout.)
 */
export async function repayPatiently(people: Cast, loanId: string, amount: number, currency: string, idempotency = key()): Promise<RepaymentReply> {
  const send = () =>
    as(people.accountant).POST('/repayments', {
      params: { header: idempotencyKey(idempotency) },
      body: repaymentOf(loanId, amount, currency, '2024-02-01'),
    });
  let reply = await send();
  const unanswered = () => reply.response.status === 504 || reply.response.status === 503 || reply.error?.error?.code === 'CONCURRENT_UPDATE';
  for (let attempt = 1; attempt < 6 && unanswered(); attempt += 1) {
    reply = await send();
  }
  return reply;
}
