/**
 * What the shared auth library accepts: this platform's tokens and the Cognito pool's access
 * tokens; anything forged, expired, unsigned, for another audience or from another issuer is 401.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { api, client, expectData } from '../support/http';
import { cognitoUser, cognitoToken, registerUser } from '../support/users';

// The local stage's signing key, where the platform reads it at run time (SECRETS_DIR).
const signingKey = () => JSON.parse(readFileSync(join(process.env.SECRETS_DIR!, 'auth-signing-key'), 'utf8')) as JWK;

async function forge(claims: Record<string, unknown>, options: { issuer?: string; audience?: string; expiresIn?: string | number } = {}) {
  const jwk = signingKey();
  return new SignJWT({ roles: ['user', 'admin'], token_use: 'access', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setIssuer(options.issuer ?? process.env.AUTH_ISSUER!)
    .setAudience(options.audience ?? process.env.AUTH_AUDIENCE!)
    .setSubject('01JAAAAAAAAAAAAAAAAAAAAAAA')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
    .setExpirationTime(options.expiresIn ?? '15m')
    .sign(await importJWK(jwk, 'ES256'));
}

const me = (token: string) => client(token).GET('/users/me');

describe('access tokens the platform refuses with 401', () => {
  it('no Authorization header', async () => {
    const reply = await client().GET('/users/me');
    expect(reply.response.status).toBe(401);
    expect(reply.error?.error.code).toBe('UNAUTHORIZED');
  });

  it('a token with a changed payload', async () => {
    const { accessToken } = await registerUser();
    const [header, payload, signature] = accessToken.split('.');
    const claims: Record<string, unknown> = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, roles: ['user', 'admin'] })).toString('base64url');
    expect((await me(`${header}.${tampered}.${signature}`)).response.status).toBe(401);
  });

  it('an expired token', async () => {
    const token = await forge({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const reply = await me(token);
    expect(reply.response.status).toBe(401);
    // Refused by the authorizer, as every bad token is: the one UNAUTHORIZED reply (refresh, then retry once).
    expect(reply.error?.error.code).toBe('UNAUTHORIZED');
  });

  it('an unsigned token (alg: none)', async () => {
    const { accessToken } = await registerUser();
    const payload = accessToken.split('.')[1];
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect((await me(`${header}.${payload}.`)).response.status).toBe(401);
  });

  it('a token from another issuer, even signed with the right key', async () => {
    expect((await me(await forge({}, { issuer: 'https://evil.example.com/auth' }))).response.status).toBe(401);
  });

  it('a token for another audience', async () => {
    expect((await me(await forge({}, { audience: 'some-other-api' }))).response.status).toBe(401);
  });

  it('a token that is not an access token', async () => {
    expect((await me(await forge({ token_use: 'refresh' }))).response.status).toBe(401);
  });

  it('garbage', async () => {
    expect((await me('not.a.jwt')).response.status).toBe(401);
    // another auth scheme: a header game, so api()
    expect((await api('GET', '/users/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('a Cognito ID token (only access tokens are accepted)', async () => {
    const session = await cognitoUser();
    expect((await me(session.idToken)).response.status).toBe(401);
  });
});

describe('Cognito access tokens', () => {
  it('are accepted, and the user is created on first sight', async () => {
    const token = await cognitoToken();
    const first = expectData(await me(token), 200);
    expect(first.roles).toEqual(['user']);
    const again = await me(token);
    expect(again.data?.id).toBe(first.id);
  });

  it('map the admin group to the admin role', async () => {
    const token = await cognitoToken({ groups: ['admin'] });
    expect((await client(token).GET('/users', { params: { query: { limit: 1 } } })).response.status).toBe(200);
  });

  it('without the group get 403 on admin routes', async () => {
    const token = await cognitoToken();
    expect((await client(token).GET('/users')).response.status).toBe(403);
  });
});
