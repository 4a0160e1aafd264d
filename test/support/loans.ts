/**
 * Integration-test helpers for Skycap Loans over HTTP: the four people of a loan (a borrower and
 * staff made by the admin), and the steps that take a loan through its lifecycle.
 */
import { randomUUID } from 'node:crypto';
import { api, type ApiOptions, type ApiResponse } from './http';
import { loginAdmin, registerUser, TEST_PASSWORD, uniqueEmail } from './users';

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

const ok = <T extends ApiResponse>(what: string, reply: T, status: number): T => {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};

export async function borrower(): Promise<Person> {
  const session = await registerUser();
  return { userId: session.user.id, token: session.accessToken };
}

/** A staff member with these roles, created by the admin, logged in with the temporary password. */
export async function staff(adminToken: string, roles: string[]): Promise<Person> {
  const email = uniqueEmail(roles[0]);
  const created = ok(
    'create staff',
    await api('POST', '/users', { token: adminToken, body: { email, name: `Staff ${roles.join(' ')}`, roles, temporaryPassword: TEST_PASSWORD } }),
    201,
  );
  const login = ok('staff login', await api('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } }), 200);
  return { userId: created.body.id, token: login.body.accessToken };
}

export async function cast(): Promise<Cast> {
  const adminSession = await loginAdmin();
  const admin = { userId: adminSession.user.id, token: adminSession.accessToken };
  const [b, officer, accountant] = await Promise.all([borrower(), staff(admin.token, ['loan_officer']), staff(admin.token, ['accountant'])]);
  return { borrower: b, officer, accountant, admin };
}

export const key = (): string => `test-${randomUUID()}`;

/** A request as one person; `idempotent` adds a fresh Idempotency-Key. */
export const as = (person: Person, method: string, path: string, options: ApiOptions & { idempotent?: boolean } = {}) =>
  api(method, path, { ...options, token: person.token, headers: { ...(options.idempotent ? { 'idempotency-key': key() } : {}), ...options.headers } });

export const dbCalls = (reply: ApiResponse): number => Number(reply.headers['x-db-calls']);
export const money = (amount: number, currency = 'USD') => ({ amount, currency });

export const application = (currency = 'USD', amount = 10_000) => ({
  principal: money(amount, currency),
  installments: 6,
  every: { unit: 'months', n: 1 },
  purpose: 'a delivery motorbike',
});

/** apply -> approve (12 %) -> disburse on 2024-01-01: the Fineract reference loan when 100.00. */
export async function activeLoan(people: Cast, currency = 'USD', amount = 10_000, disbursedOn = '2024-01-01'): Promise<any> {
  const applied = ok('apply', await as(people.borrower, 'POST', '/loans/apply', { idempotent: true, body: application(currency, amount) }), 201);
  const id = applied.body.id;
  ok('approve', await as(people.officer, 'POST', `/loans/${id}/approve`, { body: { annualRatePercent: '12' } }), 200);
  return ok('disburse', await as(people.accountant, 'POST', `/loans/${id}/disburse`, { body: { disbursedOn } }), 200).body;
}

export async function repay(people: Cast, loanId: string, amount: number, currency = 'USD', paidOn = '2024-02-01') {
  return as(people.accountant, 'POST', '/repayments', { idempotent: true, body: { loanId, amount: money(amount, currency), paidOn, method: 'bank_transfer' } });
}

/**
 * What a careful client does: retry a request that got no answer (504 from a Lambda timeout, 503)
 * or was told to try again (409 CONCURRENT_UPDATE) with the SAME Idempotency-Key, so a payment
 * that did commit is replayed, never made twice.
 * (serverless-offline boots a worker per concurrent request; on a busy 2-core machine 20 of them
 * queue past the 10 s timeout.)
 */
export async function repayPatiently(people: Cast, loanId: string, amount: number, currency: string, idempotencyKey = key()) {
  const headers = { 'idempotency-key': idempotencyKey };
  const body = { loanId, amount: money(amount, currency), paidOn: '2024-02-01', method: 'bank_transfer' };
  let reply = await as(people.accountant, 'POST', '/repayments', { body, headers });
  const unanswered = () => reply.status === 504 || reply.status === 503 || reply.body?.error?.code === 'CONCURRENT_UPDATE';
  for (let attempt = 1; attempt < 6 && unanswered(); attempt += 1) {
    reply = await as(people.accountant, 'POST', '/repayments', { body, headers });
  }
  return reply;
}

export { ok as expectStatus };
