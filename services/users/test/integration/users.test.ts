/** The users routes over HTTP: profiles, and what only an admin may do. */
import { api } from '../../../../test/support/http';
import { loginAdmin, registerUser, TEST_PASSWORD, uniqueEmail, type Session } from '../../../../test/support/users';

let admin: Session;
beforeAll(async () => {
  admin = await loginAdmin();
});

describe('GET and PATCH /users/me', () => {
  it('reads the profile in at most 2 DynamoDB calls', async () => {
    const { accessToken, user } = await registerUser();
    const reply = await api('GET', '/users/me', { token: accessToken });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: user.id, email: user.email, timezone: 'UTC', defaultCurrency: 'USD' });
    expect(Number(reply.headers['x-db-calls'])).toBeLessThanOrEqual(2);
  });

  it('updates name, timezone and default currency, bumping the version', async () => {
    const { accessToken } = await registerUser();
    const reply = await api('PATCH', '/users/me', { token: accessToken, body: { name: 'Grace', timezone: 'Europe/Berlin', defaultCurrency: 'EUR' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: 'Grace', timezone: 'Europe/Berlin', defaultCurrency: 'EUR', version: 2 });
  });

  it.each([
    ['a timezone that is not IANA', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['a currency that is not ISO 4217', { defaultCurrency: 'XXY' }, 'defaultCurrency'],
    ['a lower-case currency', { defaultCurrency: 'usd' }, 'defaultCurrency'],
    ['an empty name', { name: '   ' }, 'name'],
  ])('refuses %s with 400', async (_what, body, field) => {
    const { accessToken } = await registerUser();
    const reply = await api('PATCH', '/users/me', { token: accessToken, body });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a stale version with 409', async () => {
    const { accessToken } = await registerUser();
    await api('PATCH', '/users/me', { token: accessToken, body: { name: 'First' } });
    const stale = await api('PATCH', '/users/me', { token: accessToken, body: { name: 'Second', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });
});

describe('GET /users/{userId}', () => {
  it('shows a user to themself and to an admin, and is 404 to anyone else', async () => {
    const a = await registerUser();
    const b = await registerUser();
    expect((await api('GET', `/users/${a.user.id}`, { token: a.accessToken })).status).toBe(200);
    expect((await api('GET', `/users/${a.user.id}`, { token: admin.accessToken })).status).toBe(200);
    const other = await api('GET', `/users/${a.user.id}`, { token: b.accessToken });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
  });
});

describe('admin routes', () => {
  it('are 403 for a plain user', async () => {
    const { accessToken, user } = await registerUser();
    expect((await api('GET', '/users', { token: accessToken })).status).toBe(403);
    expect(
      (await api('POST', '/users', { token: accessToken, body: { email: uniqueEmail(), name: 'X', roles: ['admin'], temporaryPassword: TEST_PASSWORD } }))
        .status,
    ).toBe(403);
    expect((await api('PUT', `/users/${user.id}/roles`, { token: accessToken, body: { roles: ['admin'] } })).status).toBe(403);
    expect((await api('PATCH', `/users/${user.id}`, { token: accessToken, body: { disabled: true } })).status).toBe(403);
  });

  it('create staff who log in with their temporary password', async () => {
    const email = uniqueEmail('officer');
    const created = await api('POST', '/users', {
      token: admin.accessToken,
      body: { email, name: 'Olivia Officer', roles: ['loan_officer'], temporaryPassword: TEST_PASSWORD },
    });
    expect(created.status).toBe(201);
    expect(created.body.roles).toEqual(['user', 'loan_officer']);
    const login = await api('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.user.roles).toEqual(['user', 'loan_officer']);
  });

  it('replace roles, always keeping user; the new roles arrive with the next refresh', async () => {
    const session = await registerUser();
    const reply = await api('PUT', `/users/${session.user.id}/roles`, { token: admin.accessToken, body: { roles: ['accountant'] } });
    expect(reply.status).toBe(200);
    expect(reply.body.roles).toEqual(['user', 'accountant']);
    const refreshed = await api('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refreshed.body.user.roles).toEqual(['user', 'accountant']);
    const roles = JSON.parse(Buffer.from(refreshed.body.accessToken.split('.')[1], 'base64url').toString()).roles;
    expect(roles).toEqual(['user', 'accountant']);
  });

  it('refuse an unknown role with 400', async () => {
    const { user } = await registerUser();
    const reply = await api('PUT', `/users/${user.id}/roles`, { token: admin.accessToken, body: { roles: ['superuser'] } });
    expect(reply.status).toBe(400);
  });

  it('list users by role, page by page, with no user twice', async () => {
    const marked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await api('POST', '/users', {
        token: admin.accessToken,
        body: { email: uniqueEmail('acct'), name: `Accountant ${i}`, roles: ['accountant'], temporaryPassword: TEST_PASSWORD },
      });
      marked.push(created.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/users?role=accountant&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api('GET', query, { token: admin.accessToken });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      expect(Number(page.headers['x-db-calls'])).toBeLessThanOrEqual(2);
      for (const u of page.body.items as Array<{ id: string; roles: string[] }>) {
        expect(u.roles).toContain('accountant');
        seen.push(u.id);
      }
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(marked));
  });

  it('refuse a forged cursor and an out-of-range limit with 400', async () => {
    expect((await api('GET', '/users?cursor=bm90LWEtY3Vyc29y', { token: admin.accessToken })).status).toBe(400);
    expect((await api('GET', '/users?limit=0', { token: admin.accessToken })).status).toBe(400);
    expect((await api('GET', '/users?limit=101', { token: admin.accessToken })).status).toBe(400);
    expect((await api('GET', '/users?limit=abc', { token: admin.accessToken })).status).toBe(400);
  });

  it('disable a user: login and refresh fail at once, /users/me refuses', async () => {
    const session = await registerUser();
    const reply = await api('PATCH', `/users/${session.user.id}`, { token: admin.accessToken, body: { disabled: true } });
    expect(reply.status).toBe(200);
    expect(reply.body.disabled).toBe(true);
    const login = await api('POST', '/auth/login', { body: { email: session.email, password: session.password } });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await api('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await api('GET', '/users/me', { token: session.accessToken })).status).toBe(401);
  });

  it('cannot disable themselves', async () => {
    const reply = await api('PATCH', `/users/${admin.user.id}`, { token: admin.accessToken, body: { disabled: true } });
    expect(reply.status).toBe(409);
  });
});
