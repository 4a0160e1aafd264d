/**
 * The auth routes over HTTP, through the local gateway, against DynamoDB Local and cognito-local.
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import { client, expectData } from '../../../../test/support/http';
import { registerUser, TEST_PASSWORD, uniqueEmail } from '../../../../test/support/users';

const login = (email: string, password: string) => client().POST('/auth/login', { body: { email, password } });
const refresh = (refreshToken: string) => client().POST('/auth/refresh', { body: { refreshToken } });
const me = (token: string) => client(token).GET('/users/me');

describe('register', () => {
  it('creates a user and signs them in', async () => {
    const email = uniqueEmail('reg');
    const reply = await client().POST('/auth/register', { body: { email, password: TEST_PASSWORD, name: '  Ada Lovelace ' } });
    const body = expectData(reply, 201);
    expect(body.user).toMatchObject({ email, name: 'Ada Lovelace', roles: ['user'], disabled: false, version: 1 });
    expect(body.user.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
    expect(typeof body.refreshToken).toBe('string');
    expect((await me(body.accessToken)).response.status).toBe(200);
  });

  it('refuses a second account for the same email in any case with 409', async () => {
    const { email } = await registerUser();
    const reply = await client().POST('/auth/register', { body: { email: email.toUpperCase(), password: TEST_PASSWORD, name: 'Twin' } });
    expect(reply.response.status).toBe(409);
    expect(reply.error?.error.code).toBe('EMAIL_TAKEN');
  });

  it('answers bad input with 400 and a detail per field', async () => {
    const reply = await client().POST('/auth/register', { body: { email: 'not-an-email', password: 'short', name: '' } });
    expect(reply.response.status).toBe(400);
    expect(reply.error?.error.code).toBe('VALIDATION_FAILED');
    const fields = (reply.error?.error.details ?? []).map((d) => d.field).sort();
    expect(fields).toEqual(['email', 'name', 'password']);
    expect(reply.error?.requestId).toBe(reply.response.headers.get('x-request-id'));
  });
});

describe('login', () => {
  it('answers the same 401 for a wrong password and for an unknown email', async () => {
    const { email } = await registerUser();
    const wrong = await login(email, 'Wrong-Password-1');
    const unknown = await login(uniqueEmail('nobody'), 'Wrong-Password-1');
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(wrong.error?.error).toEqual(unknown.error?.error);
    expect(wrong.error?.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account for the rest of the window after 5 failures, with Retry-After', async () => {
    const { email, password } = await registerUser();
    for (let i = 0; i < 5; i++) expect((await login(email, `Wrong-${i}-password`)).response.status).toBe(401);
    const locked = await login(email, password);
    expect(locked.response.status).toBe(429);
    expect(locked.error?.error.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(locked.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('lets no more than five of eight parallel wrong passwords be checked', async () => {
    const { email, password } = await registerUser();
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => login(email, `Wrong-${i}-password`)));
    const statuses = replies.map((r) => r.response.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect((await login(email, password)).response.status).toBe(429);
  });

  it('forgets earlier failures after a successful login', async () => {
    const { email, password } = await registerUser();
    for (let i = 0; i < 4; i++) await login(email, 'Wrong-password-1');
    expect((await login(email, password)).response.status).toBe(200);
    for (let i = 0; i < 4; i++) await login(email, 'Wrong-password-1');
    expect((await login(email, password)).response.status).toBe(200);
  });

  it('accepts the email in any case', async () => {
    const { email, password } = await registerUser();
    expect((await login(email.toUpperCase(), password)).response.status).toBe(200);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use', async () => {
    const session = await registerUser();
    const first = expectData(await refresh(session.refreshToken), 200);
    expect(first.refreshToken).not.toBe(session.refreshToken);
    const second = expectData(await refresh(first.refreshToken), 200);
    expect((await me(second.accessToken)).response.status).toBe(200);
  });

  it('revoke the whole family when an old one is reused', async () => {
    const session = await registerUser();
    const rotated = await refresh(session.refreshToken);
    const reuse = await refresh(session.refreshToken);
    expect(reuse.response.status).toBe(401);
    expect(reuse.error?.error.code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate successor dies with its family.
    expect((await refresh(expectData(rotated, 200).refreshToken)).response.status).toBe(401);
  });

  it('refuses an unknown token', async () => {
    const reply = await refresh('not-a-real-token');
    expect(reply.response.status).toBe(401);
    expect(reply.error?.error.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('logout ends that session only', async () => {
    const { email, password, refreshToken } = await registerUser();
    const other = await login(email, password);
    expect((await client().POST('/auth/logout', { body: { refreshToken } })).response.status).toBe(204);
    expect((await refresh(refreshToken)).response.status).toBe(401);
    expect((await refresh(expectData(other, 200).refreshToken)).response.status).toBe(200);
  });
});

describe('password change', () => {
  it('needs the current password and revokes every refresh token', async () => {
    const session = await registerUser();
    const second = await login(session.email, session.password);
    const wrong = await client(session.accessToken).POST('/auth/password', {
      body: { currentPassword: 'nope-nope-1', newPassword: 'A-New-Password-2' },
    });
    expect(wrong.response.status).toBe(401);
    const changed = await client(session.accessToken).POST('/auth/password', {
      body: { currentPassword: session.password, newPassword: 'A-New-Password-2' },
    });
    expect(changed.response.status).toBe(204);
    expect((await refresh(session.refreshToken)).response.status).toBe(401);
    expect((await refresh(expectData(second, 200).refreshToken)).response.status).toBe(401);
    expect((await login(session.email, session.password)).response.status).toBe(401);
    const fresh = expectData(await login(session.email, 'A-New-Password-2'), 200);
    expect((await refresh(fresh.refreshToken)).response.status).toBe(200);
  });

  it('needs an access token', async () => {
    const reply = await client().POST('/auth/password', { body: { currentPassword: 'a-password-1', newPassword: 'A-New-Password-2' } });
    expect(reply.response.status).toBe(401);
  });
});

describe('access tokens', () => {
  it('verify against the published JWKS with issuer, audience, subject, roles and a 15-minute life', async () => {
    const session = await registerUser();
    const jwks = expectData(await client().GET('/auth/.well-known/jwks.json'), 200);
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key.kid).toBeTruthy();
      expect(key).not.toHaveProperty('d');
    }
    const { payload, protectedHeader } = await jwtVerify(session.accessToken, createLocalJWKSet(jwks), {
      issuer: process.env.AUTH_ISSUER,
      audience: process.env.AUTH_AUDIENCE,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe(session.user.id);
    expect(payload.roles).toEqual(['user']);
    expect(payload.token_use).toBe('access');
    expect(payload.exp! - payload.iat!).toBe(900);
  });
});
