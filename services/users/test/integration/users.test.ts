/** The users routes over HTTP: profiles, and what only an admin may do. */
import type { operations, Schema } from '@platform/api-client';
import { api, client, dbCalls, expectData } from '../../../../test/support/http';
import { loginAdmin, registerUser, TEST_PASSWORD, uniqueEmail, type Session } from '../../../../test/support/users';

type PatchMe = operations['patchMe']['requestBody']['content']['application/json'];

let admin: Session;
beforeAll(async () => {
  admin = await loginAdmin();
});

describe('GET and PATCH /users/me', () => {
  it('reads the profile in at most 2 DynamoDB calls', async () => {
    const { accessToken, user } = await registerUser();
    const reply = await client(accessToken).GET('/users/me');
    expect(expectData(reply, 200)).toMatchObject({ id: user.id, email: user.email, timezone: 'UTC', defaultCurrency: 'USD' });
    expect(dbCalls(reply.response)).toBeLessThanOrEqual(2);
  });

  it('updates name, timezone and default currency, bumping the version', async () => {
    const { accessToken } = await registerUser();
    const reply = await client(accessToken).PATCH('/users/me', { body: { name: 'Grace', timezone: 'Europe/Berlin', defaultCurrency: 'EUR' } });
    expect(expectData(reply, 200)).toMatchObject({ name: 'Grace', timezone: 'Europe/Berlin', defaultCurrency: 'EUR', version: 2 });
  });

  it.each<[string, PatchMe, string]>([
    ['a timezone that is not IANA', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['a currency that is not ISO 4217', { defaultCurrency: 'XXY' }, 'defaultCurrency'],
    ['a lower-case currency', { defaultCurrency: 'usd' }, 'defaultCurrency'],
    ['an empty name', { name: '   ' }, 'name'],
  ])('refuses %s with 400', async (_what, body, field) => {
    const { accessToken } = await registerUser();
    const reply = await client(accessToken).PATCH('/users/me', { body });
    expect(reply.response.status).toBe(400);
    expect((reply.error?.error.details ?? []).map((d) => d.field)).toContain(field);
  });

  it('refuses a stale version with 409', async () => {
    const { accessToken } = await registerUser();
    await client(accessToken).PATCH('/users/me', { body: { name: 'First' } });
    const stale = await client(accessToken).PATCH('/users/me', { body: { name: 'Second', version: 1 } });
    expect(stale.response.status).toBe(409);
    expect(stale.error?.error.code).toBe('VERSION_CONFLICT');
  });
});

describe('GET /users/{userId}', () => {
  it('shows a user to themself and to an admin, and is 404 to anyone else', async () => {
    const a = await registerUser();
    const b = await registerUser();
    const userOfA = { params: { path: { userId: a.user.id } } };
    expect((await client(a.accessToken).GET('/users/{userId}', userOfA)).response.status).toBe(200);
    expect((await client(admin.accessToken).GET('/users/{userId}', userOfA)).response.status).toBe(200);
    const other = await client(b.accessToken).GET('/users/{userId}', userOfA);
    expect(other.response.status).toBe(404);
    expect(other.error?.error.code).toBe('NOT_FOUND');
  });
});

describe('admin routes', () => {
  it('are 403 for a plain user', async () => {
    const { accessToken, user } = await registerUser();
    const self = { path: { userId: user.id } };
    expect((await client(accessToken).GET('/users')).response.status).toBe(403);
    const staff = { email: uniqueEmail(), name: 'X', roles: ['admin' as const], temporaryPassword: TEST_PASSWORD };
    expect((await client(accessToken).POST('/users', { body: staff })).response.status).toBe(403);
    expect((await client(accessToken).PUT('/users/{userId}/roles', { params: self, body: { roles: ['admin'] } })).response.status).toBe(403);
    expect((await client(accessToken).PATCH('/users/{userId}', { params: self, body: { disabled: true } })).response.status).toBe(403);
  });

  it('create staff who log in with their temporary password', async () => {
    const email = uniqueEmail('officer');
    const created = await client(admin.accessToken).POST('/users', {
      body: { email, name: 'Olivia Officer', roles: ['loan_officer'], temporaryPassword: TEST_PASSWORD },
    });
    expect(expectData(created, 201).roles).toEqual(['user', 'loan_officer']);
    const login = await client().POST('/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(expectData(login, 200).user.roles).toEqual(['user', 'loan_officer']);
  });

  it('replace roles, always keeping user; the new roles arrive with the next refresh', async () => {
    const session = await registerUser();
    const reply = await client(admin.accessToken).PUT('/users/{userId}/roles', {
      params: { path: { userId: session.user.id } },
      body: { roles: ['accountant'] },
    });
    expect(expectData(reply, 200).roles).toEqual(['user', 'accountant']);
    const refreshed = expectData(await client().POST('/auth/refresh', { body: { refreshToken: session.refreshToken } }), 200);
    expect(refreshed.user.roles).toEqual(['user', 'accountant']);
    const claims: { roles?: unknown } = JSON.parse(Buffer.from(refreshed.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.roles).toEqual(['user', 'accountant']);
  });

  it('refuse an unknown role with 400', async () => {
    const { user } = await registerUser();
    // 'superuser' is no role of the document: the typed client cannot send it.
    const reply = await api('PUT', `/users/${user.id}/roles`, { token: admin.accessToken, body: { roles: ['superuser'] } });
    expect(reply.status).toBe(400);
  });

  it('list users by role, page by page, with no user twice', async () => {
    const marked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await client(admin.accessToken).POST('/users', {
        body: { email: uniqueEmail('acct'), name: `Accountant ${i}`, roles: ['accountant'], temporaryPassword: TEST_PASSWORD },
      });
      marked.push(expectData(created, 201).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply = await client(admin.accessToken).GET('/users', {
        params: { query: { role: 'accountant', limit: 2, ...(cursor ? { cursor } : {}) } },
      });
      const page: Schema<'PublicUserPage'> = expectData(reply, 200);
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(dbCalls(reply.response)).toBeLessThanOrEqual(2);
      for (const u of page.items) {
        expect(u.roles).toContain('accountant');
        seen.push(u.id);
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(marked));
  });

  it('refuse a forged cursor and an out-of-range limit with 400', async () => {
    const asAdmin = client(admin.accessToken);
    expect((await asAdmin.GET('/users', { params: { query: { cursor: 'bm90LWEtY3Vyc29y' } } })).response.status).toBe(400);
    expect((await asAdmin.GET('/users', { params: { query: { limit: 0 } } })).response.status).toBe(400);
    expect((await asAdmin.GET('/users', { params: { query: { limit: 101 } } })).response.status).toBe(400);
    // a limit that is no number: the typed client cannot send it
    expect((await api('GET', '/users?limit=abc', { token: admin.accessToken })).status).toBe(400);
  });

  it('disable a user: login and refresh fail at once, /users/me refuses', async () => {
    const session = await registerUser();
    const reply = await client(admin.accessToken).PATCH('/users/{userId}', {
      params: { path: { userId: session.user.id } },
      body: { disabled: true },
    });
    expect(expectData(reply, 200).disabled).toBe(true);
    const login = await client().POST('/auth/login', { body: { email: session.email, password: session.password } });
    expect(login.response.status).toBe(401);
    expect(login.error?.error.code).toBe('INVALID_CREDENTIALS');
    expect((await client().POST('/auth/refresh', { body: { refreshToken: session.refreshToken } })).response.status).toBe(401);
    expect((await client(session.accessToken).GET('/users/me')).response.status).toBe(401);
  });

  it('cannot disable themselves', async () => {
    const reply = await client(admin.accessToken).PATCH('/users/{userId}', {
      params: { path: { userId: admin.user.id } },
      body: { disabled: true },
    });
    expect(reply.response.status).toBe(409);
  });
});
