/**
 * A setting that token verification needs, missing or unusable, is the server's fault: the
 * authorizer fails (logged, naming the setting), which API Gateway answers with its
 * AUTHORIZER_FAILURE gateway response (503), never a 401 telling the caller that a valid token is
 * bad. Each case loads the platform afresh with its own environment (the configuration is read
 * once per container). Requests go as API Gateway sends them: the authorizer, then the handler.
 */
import { gatewayReply } from '../../../config/gateway-responses';
import { routeTableFor } from '../../../scripts/contract/route-table';
import { Type } from '@sinclair/typebox';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

const ISSUER = 'https://api.test.example/auth';
const COGNITO_ISSUER = 'http://localhost:9229/local_testpool';
const SETTINGS = ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS', 'AUTH_JWKS_URL', 'COGNITO_ISSUER', 'COGNITO_CLIENT_ID', 'COGNITO_USER_POOL_ID'];

let signingKey: CryptoKey;
let publicJwk: JWK;
let cognitoKey: CryptoKey;
let logged: string[];
const saved = { ...process.env };

async function platformToken(issuedAt?: number): Promise<string> {
  return new SignJWT({ token_use: 'access', roles: ['user'] })
    .setProtectedHeader({ alg: 'ES256', kid: 'test' })
    .setSubject('user-1')
    .setIssuer(ISSUER)
    .setAudience('platform-api')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt ? issuedAt + 300 : '5m')
    .sign(signingKey);
}

async function cognitoToken(): Promise<string> {
  return new SignJWT({ token_use: 'access', client_id: 'some-client', username: 'ada@example.com' })
    .setProtectedHeader({ alg: 'RS256', kid: 'cognito' })
    .setSubject('cognito-sub-1')
    .setIssuer(COGNITO_ISSUER)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(cognitoKey);
}

/** What API Gateway answers by itself: a gateway response of this type. */
function gateway(type: string) {
  const reply = gatewayReply(type);
  return { status: reply.status, body: { error: { code: reply.code, message: reply.message } }, requestId: undefined };
}

/** The libraries as a fresh container with these settings would load them. */
async function loadWith(settings: Record<string, string>) {
  for (const name of SETTINGS) delete process.env[name];
  Object.assign(process.env, { STAGE: 'local', SERVICE_NAME: 'verify-test', AUTH_ISSUER: ISSUER, ...settings });
  jest.resetModules();
  const [http, verify, errors, { authorizer }] = await Promise.all([import('../http'), import('./verify'), import('../errors'), import('../authorizer')]);
  const { guarded } = routeTableFor('test', { guarded: { method: 'GET', path: '/things', summary: 'any user', responses: { 200: Type.Object({}) } } });
  const handler = http.route(guarded, async () => http.ok({ hello: 'world' }));
  const call = async (token: string) => {
    const event = {
      httpMethod: 'GET',
      path: '/things',
      resource: '/things',
      headers: { authorization: `Bearer ${token}` },
      body: null,
      isBase64Encoded: false,
      requestContext: {},
    };
    if (!token) return gateway('UNAUTHORIZED'); // no token: API Gateway does not call the authorizer
    try {
      const allowed = await authorizer({
        type: 'TOKEN',
        authorizationToken: `Bearer ${token}`,
        methodArn: 'arn:aws:execute-api:us-east-1:1:api/test/GET/things',
      });
      event.requestContext = { authorizer: { principalId: allowed.principalId, ...allowed.context } };
    } catch (error) {
      return gateway((error as Error).message === 'Unauthorized' ? 'UNAUTHORIZED' : 'AUTHORIZER_FAILURE');
    }
    const result = (await handler(event as unknown as APIGatewayProxyEvent, { awsRequestId: 'test' } as Context)) as APIGatewayProxyResult;
    return { status: result.statusCode, body: JSON.parse(result.body), requestId: result.headers?.['x-request-id'] };
  };
  return { call, authenticate: verify.authenticate, ConfigurationError: errors.ConfigurationError };
}

const jwks = () => JSON.stringify({ keys: [publicJwk] });

beforeAll(async () => {
  const own = await generateKeyPair('ES256');
  signingKey = own.privateKey;
  publicJwk = { ...(await exportJWK(own.publicKey)), kid: 'test', alg: 'ES256', use: 'sig' };
  cognitoKey = (await generateKeyPair('RS256')).privateKey;
});

beforeEach(() => {
  logged = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  jest.spyOn(process.stderr, 'write').mockImplementation((line) => {
    logged.push(String(line));
    return true;
  });
});

afterEach(() => jest.restoreAllMocks());

afterAll(() => {
  process.env = saved;
});

describe('a missing setting is a configuration error, not a bad token', () => {
  it('without AUTH_JWKS or AUTH_JWKS_URL a valid token gets a 503 (the authorizer failed), logged with the setting', async () => {
    const { call } = await loadWith({});
    const reply = await call(await platformToken());
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(reply.body)).not.toContain('AUTH_JWKS'); // the setting's name stays in the log
    const line = JSON.parse(logged.find((l) => l.includes('AUTH_JWKS')) ?? '{}');
    expect(line).toEqual(expect.objectContaining({ level: 'error', msg: 'authorizer failure', errorName: 'ConfigurationError' }));
    expect(line.errorMessage).toMatch(/AUTH_JWKS \(or AUTH_JWKS_URL\) is not set/);
  });

  it.each([
    ['AUTH_JWKS missing (and no AUTH_JWKS_URL)', 'AUTH_JWKS', {}],
    ['AUTH_JWKS that is not JSON', 'AUTH_JWKS', { AUTH_JWKS: '{not json' }],
  ])('%s: authenticate() throws a ConfigurationError naming %s', async (_case, setting, settings) => {
    const { authenticate, ConfigurationError } = await loadWith(settings);
    const failure = await authenticate(`Bearer ${await platformToken()}`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect(failure).toEqual(expect.objectContaining({ setting, code: 'CONFIGURATION_ERROR' }));
  });

  it('a Cognito issuer without COGNITO_CLIENT_ID: a Cognito token is a configuration error (checked before any JWKS fetch)', async () => {
    const { authenticate, ConfigurationError, call } = await loadWith({ AUTH_JWKS: jwks(), COGNITO_ISSUER });
    const token = await cognitoToken();
    const failure = await authenticate(`Bearer ${token}`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect(failure).toEqual(expect.objectContaining({ setting: 'COGNITO_CLIENT_ID' }));
    expect((await call(token)).status).toBe(503);
  });

  it('the same token passes once the setting is there; a token signed by another key is still 401', async () => {
    const { call } = await loadWith({ AUTH_JWKS: jwks() });
    expect(await call(await platformToken())).toEqual(expect.objectContaining({ status: 200, body: { hello: 'world' } }));
    const stranger = await new SignJWT({ token_use: 'access' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setSubject('user-1')
      .setIssuer(ISSUER)
      .setAudience('platform-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign((await generateKeyPair('ES256')).privateKey);
    expect(await call(stranger)).toEqual(gateway('UNAUTHORIZED'));
  });

  it.each([
    ['4 minutes ahead (clock skew) passes', 4 * 60, 200],
    ['6 minutes ahead is refused', 6 * 60, 401],
    ['a year ahead is refused', 365 * 24 * 3600, 401],
  ])('a token issued %s', async (_when, aheadSeconds, status) => {
    const { call } = await loadWith({ AUTH_JWKS: jwks() });
    expect((await call(await platformToken(Math.floor(Date.now() / 1000) + aheadSeconds))).status).toBe(status);
  });

  it('without the setting, a request with no token is still 401: who asks comes first', async () => {
    const { call } = await loadWith({});
    expect((await call('')).status).toBe(401);
  });
});
