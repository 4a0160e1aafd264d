/**
 * The auth routes over HTTP, through the local gateway, against DynamoDB Local and cognito-local.
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import { api } from '../../../../test/support/http';
import { registerUser, TEST_PASSWORD, uniqueEmail } from '../../../../test/support/users';

const login = (email: string, password: string) => api('POST', '/auth/login', { body: { email, password } });
const refresh = (refreshToken: string) => api('POST', '/auth/refresh', { body: { refreshToken } });
const me = (token: string) => api('GET', '/users/me', { token });

describe('register', () => {
  it('creates a user and signs them in', async () => {
    const email = uniqueEmail('reg');
    const reply = await api('POST', '/auth/register', { body: { email, password: TEST_PASSWORD, name: '  Ada Lovelace ' } });
    expect(reply.status).toBe(201);
    expect(reply.body.user).toMatchObject({ email, name: 'Ada Lovelace', roles: ['user'], disabled: false, version: 1 });
    expect(reply.body.user.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(reply.body.user).not.toHaveProperty('passwordHash');
    expect(reply.body).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
    expect(typeof reply.body.refreshToken).toBe('string');
    expect((await me(reply.body.accessToken)).status).toBe(200);
  });

  it('refuses a second account for the same email in any case with 409', async () => {
    const { email } = await registerUser();
    const reply = await api('POST', '/auth/register', { body: { email: email.toUpperCase(), password: TEST_PASSWORD, name: 'Twin' } });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('answers bad input with 400 and a detail per field', async () => {
    const reply = await api('POST', '/auth/register', { body: { email: 'not-an-email', password: 'short', name: '' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    const fields = reply.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['email', 'name', 'password']);
    expect(reply.body.requestId).toBe(reply.headers['x-request-id']);
  });
});

describe('login', () => {
  it('answers the same 401 for a wrong password and for an unknown email', async () => {
    const { email } = await registerUser();
    const wrong = await login(email, 'Wrong-Password-1');
    const unknown = await login(uniqueEmail('nobody'), 'Wrong-Password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account for the rest of the window after 5 failures, with Retry-After', async () => {
    const { email, password } = await registerUser();
    for (let i = 0; i < 5; i++) expect((await login(email, `Wrong-${i}-password`)).status).toBe(401);
    const locked = await login(email, password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('lets no more than five of eight parallel wrong passwords be checked', async () => {
    const { email, password } = await registerUser();
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => login(email, `Wrong-${i}-password`)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect((await login(email, password)).status).toBe(429);
  });

  it('forgets earlier failures after a successful login', async () => {
    const { email, password } = await registerUser();
    for (let i = 0; i < 4; i++) await login(email, 'Wrong-password-1');
    expect((await login(email, password)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(email, 'Wrong-password-1');
    expect((await login(email, password)).status).toBe(200);
  });

  it('accepts the email in any case', async () => {
    const { email, password } = await registerUser();
    expect((await login(email.toUpperCase(), password)).status).toBe(200);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use', async () => {
    const session = await registerUser();
    const first = await refresh(session.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    expect((await me(second.body.accessToken)).status).toBe(200);
  });

  it('revoke the whole family when an old one is reused', async () => {
    const session = await registerUser();
    const rotated = await refresh(session.refreshToken);
    const reuse = await refresh(session.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate successor dies with its family.
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
  });

  it('refuses an unknown token', async () => {
    const reply = await refresh('not-a-real-token');
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('logout ends that session only', async () => {
    const { email, password, refreshToken } = await registerUser();
    const other = await login(email, password);
    expect((await api('POST', '/auth/logout', { body: { refreshToken } })).status).toBe(204);
    expect((await refresh(refreshToken)).status).toBe(401);
    expect((await refresh(other.body.refreshToken)).status).toBe(200);
  });
});

describe('password change', () => {
  it('needs the current password and revokes every refresh token', async () => {
    const session = await registerUser();
    const second = await login(session.email, session.password);
    const wrong = await api('POST', '/auth/password', {
      token: session.accessToken,
      body: { currentPassword: 'nope-nope-1', newPassword: 'A-New-Password-2' },
    });
    expect(wrong.status).toBe(401);
    const changed = await api('POST', '/auth/password', {
      token: session.accessToken,
      body: { currentPassword: session.password, newPassword: 'A-New-Password-2' },
    });
    expect(changed.status).toBe(204);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    expect((await login(session.email, session.password)).status).toBe(401);
    const fresh = await login(session.email, 'A-New-Password-2');
    expect(fresh.status).toBe(200);
    expect((await refresh(fresh.body.refreshToken)).status).toBe(200);
  });

  it('needs an access token', async () => {
    const reply = await api('POST', '/auth/password', { body: { currentPassword: 'a-password-1', newPassword: 'A-New-Password-2' } });
    expect(reply.status).toBe(401);
  });
});

describe('access tokens', () => {
  it('verify against the published JWKS with issuer, audience, subject, roles and a 15-minute life', async () => {
    const session = await registerUser();
    const jwks = await api('GET', '/auth/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.length).toBeGreaterThan(0);
    for (const key of jwks.body.keys) {
      expect(key.kid).toBeTruthy();
      expect(key).not.toHaveProperty('d');
    }
    const { payload, protectedHeader } = await jwtVerify(session.accessToken, createLocalJWKSet(jwks.body), {
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
