/**
 * The data the benchmark needs, made through the HTTP API like a user would: a registered user
 * with some gifts; as the seeded admin a loan officer and an accountant; and one disbursed loan per
 * client (so 20 clients paying concurrently do not all queue on one loan's version).
 */
import { randomUUID } from 'node:crypto';

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON of many shapes, read field by field by the bench setup
  body: any;
}

export interface Http {
  base: string;
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  /** like call, but throws unless the status is `expected`; resolves to the reply's body */
  expect(
    expected: number,
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply['body']>;
}

export function http(base: string): Http {
  const call: Http['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(base + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : '';
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body };
  };
  return {
    base,
    call,
    async expect(expected, method, path, options) {
      const reply = await call(method, path, options);
      if (reply.status !== expected)
        throw new Error(`${method} ${path}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
      return reply.body;
    },
  };
}

export interface Fixture {
  user: { id: string; token: string };
  accountant: { id: string; token: string };
  officer: { id: string; token: string };
  /** one active loan per client */
  loanIds: string[];
  giftIds: string[];
  currency: string;
}

export const PASSWORD = 'Bench-Correct-Horse-9';
const email = (label: string) => `bench-${label}-${randomUUID().slice(0, 12)}@example.test`;
export const idempotencyKey = (): string => `bench-${randomUUID()}`;

async function register(api: Http): Promise<{ id: string; token: string }> {
  const body = await api.expect(201, 'POST', '/auth/register', { body: { email: email('user'), password: PASSWORD, name: 'Bench User' } });
  return { id: body.user.id, token: body.accessToken };
}

async function staff(api: Http, adminToken: string, role: string): Promise<{ id: string; token: string }> {
  const address = email(role);
  const created = await api.expect(201, 'POST', '/users', {
    token: adminToken,
    body: { email: address, name: `Bench ${role}`, roles: [role], temporaryPassword: PASSWORD },
  });
  const login = await api.expect(200, 'POST', '/auth/login', { body: { email: address, password: PASSWORD } });
  return { id: created.id, token: login.accessToken };
}

/** A large principal (in minor units) so thousands of small repayments fit before it is paid off. */
export const PRINCIPAL = 100_000_000;

export async function prepare(api: Http, admin: { email: string; password: string }, loans: number, gifts: number): Promise<Fixture> {
  const currency = 'USD';
  const adminLogin = await api.expect(200, 'POST', '/auth/login', { body: admin });
  const [user, officer, accountant] = await Promise.all([
    register(api),
    staff(api, adminLogin.accessToken, 'loan_officer'),
    staff(api, adminLogin.accessToken, 'accountant'),
  ]);
  const giftIds: string[] = [];
  for (let i = 0; i < gifts; i += 1) {
    const gift = await api.expect(201, 'POST', '/gifts', {
      token: user.token,
      body: { name: `Setup gift ${i}`, direction: i % 2 ? 'given' : 'received', price: { amount: 1000 + i, currency } },
    });
    giftIds.push(gift.id);
  }
  const loanIds: string[] = [];
  // A few at a time: each loan is three requests, and cold workers are slow on a busy machine.
  for (let i = 0; i < loans; i += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, loans - i) }, async () => {
        const applied = await api.expect(201, 'POST', '/loans/apply', {
          token: user.token,
          headers: { 'idempotency-key': idempotencyKey() },
          body: { principal: { amount: PRINCIPAL, currency }, installments: 12, every: { unit: 'months', n: 1 }, purpose: 'benchmark' },
        });
        await api.expect(200, 'POST', `/loans/${applied.id}/approve`, { token: officer.token, body: { annualRatePercent: '12' } });
        await api.expect(200, 'POST', `/loans/${applied.id}/disburse`, { token: accountant.token, body: { disbursedOn: '2024-01-01' } });
        return applied.id as string;
      }),
    );
    loanIds.push(...batch);
  }
  return { user, officer, accountant, loanIds, giftIds, currency };
}

/** The five benchmarked routes (docs/performance.md) as load calls; each throws with the reply when the status is not the expected one. */
export function routes(api: Http, f: Fixture) {
  const check = (expected: number) => (reply: Reply) => {
    if (reply.status !== expected) throw new Error(`${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    return true;
  };
  return {
    'GET /gifts': () => api.call('GET', '/gifts?limit=20', { token: f.user.token }).then(check(200)),
    'POST /gifts': (client: number, seq: number) =>
      api
        .call('POST', '/gifts', {
          token: f.user.token,
          body: { name: `Bench gift ${client}-${seq}`, direction: 'given', price: { amount: 2500, currency: f.currency } },
        })
        .then(check(201)),
    'GET /loans/{id}/schedule': (client: number) =>
      api.call('GET', `/loans/${f.loanIds[client % f.loanIds.length]}/schedule`, { token: f.accountant.token }).then(check(200)),
    'POST /repayments': (client: number) =>
      api
        .call('POST', '/repayments', {
          token: f.accountant.token,
          headers: { 'idempotency-key': idempotencyKey() },
          body: { loanId: f.loanIds[client % f.loanIds.length], amount: { amount: 100, currency: f.currency }, paidOn: '2024-02-01', method: 'bank_transfer' },
        })
        .then(check(201)),
    'GET /loans/stats/summary': () => api.call('GET', '/loans/stats/summary', { token: f.accountant.token }).then(check(200)),
  };
}
