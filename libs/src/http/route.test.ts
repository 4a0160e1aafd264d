/**
 * The HTTP stack in process: handlers built with route(), invoked with API Gateway REST (v1 proxy)
 * events, replies read as API Gateway would send them. Nothing of the stack is mocked: real Middy,
 * real token verification (an ES256 key pair made here, its public JWKS in AUTH_JWKS, as the local
 * stage configures it), real body parsing and validation. The handlers answer constants: no table.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { Type } from '@sinclair/typebox';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { routeTableFor } from '../../../scripts/contract/route-table';
import { gatewayReply } from '../../../config/gateway-responses';
import type { RouteSpec } from '../contract';

type Http = typeof import('./index');
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const ISSUER = 'https://api.test.example/auth';
const AUDIENCE = 'platform-api';
const ALLOWED = 'http://localhost:5173';
const UNKNOWN = 'https://evil.example.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let http: Http;
let requestHash: typeof import('../db/idempotency').requestHash;
let signingKey: CryptoKey;
let authorizer: typeof import('../authorizer').authorizer;
const authenticated = new WeakSet<Handler>();
let handlers: Record<'staffOnly' | 'open' | 'boom' | 'keyRequired' | 'keyOptional' | 'anyBody', Handler>;

async function token(claims: Record<string, unknown> = {}, { expiresIn = '5m', audience = AUDIENCE } = {}): Promise<string> {
  return new SignJWT({ token_use: 'access', roles: ['user'], ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'test' })
    .setSubject(String(claims.sub ?? 'user-1'))
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(signingKey);
}

interface Request {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** An API Gateway REST proxy event, header names as the client sent them. */
function restEvent({ method = 'POST', path = '/things', headers = {}, body = null, isBase64Encoded = false }: Request): APIGatewayProxyEvent {
  return {
    resource: path,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body,
    isBase64Encoded,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: { sourceIp: '127.0.0.1', userAgent: 'jest' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/test${path}`,
      stage: 'test',
      requestId: 'gateway-request-id',
      requestTimeEpoch: Date.now(),
      resourceId: 'res',
      resourcePath: path,
    },
  };
}

const context = { functionName: 'test', awsRequestId: 'lambda-request-id', getRemainingTimeInMillis: () => 20_000 } as unknown as Context;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/**
 * As API Gateway does: an authenticated route's request goes through the authorizer first (the
 * real one, libs/src/authorizer); a refusal is the UNAUTHORIZED gateway response, no handler runs.
 */
async function call(handler: Handler, request: Request): Promise<Reply> {
  const event = restEvent(request);
  if (authenticated.has(handler)) {
    const header = Object.entries(event.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    const arn = `arn:aws:execute-api:us-east-1:123456789012:api/test/${event.httpMethod}${event.path}`;
    try {
      if (header === undefined) throw new Error('Unauthorized'); // API Gateway does not even call it
      const allowed = await authorizer({ type: 'TOKEN', authorizationToken: header, methodArn: arn });
      event.requestContext.authorizer = { principalId: allowed.principalId, ...allowed.context };
    } catch (error) {
      if ((error as Error).message !== 'Unauthorized') throw error;
      const reply = gatewayReply('UNAUTHORIZED');
      return { status: reply.status, headers: {}, body: { error: { code: reply.code, message: reply.message }, requestId: 'gateway' } };
    }
  }
  const result = await handler(event, context);
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode, headers, body: result.body ? JSON.parse(result.body) : undefined };
}

/** The stack's own 401 (no authorizer context): its error reply, as every other error reply, is under test. */
const withoutAuthorizer =
  (handler: Handler): Handler =>
  (event, ctx) =>
    handler(event, ctx);

const json = (value: unknown) => JSON.stringify(value);

/** The routes under test, declared as a service declares them; their route table generated as `npm run contract` does. */
const Named = Type.Object({ name: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
const Reply = Type.Object({}, { additionalProperties: true });
const SPECS = {
  staffOnly: { method: 'POST', path: '/things', summary: 'admins only', roles: ['admin'], body: Named, responses: { 201: Reply } },
  open: { method: 'GET', path: '/open', summary: 'public', auth: false, responses: { 200: Reply } },
  boom: { method: 'GET', path: '/boom', summary: 'fails', auth: false, responses: { 200: Reply } },
  keyRequired: { method: 'POST', path: '/keyed', summary: 'key required', body: Named, idempotency: 'required', responses: { 200: Reply } },
  keyOptional: {
    method: 'POST',
    path: '/maybe-keyed',
    summary: 'key optional, body optional',
    body: Type.Partial(Named),
    bodyOptional: true,
    idempotency: 'optional',
    responses: { 200: Reply },
  },
  anyBody: { method: 'POST', path: '/any', summary: 'no schema', auth: false, responses: { 200: Reply } },
} as const satisfies Record<string, RouteSpec>;
const tooLarge = 'x'.repeat(64 * 1024 + 1);

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  signingKey = privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'ES256', use: 'sig' };
  // The local stage's configuration, set before the platform's config is first read.
  Object.assign(process.env, {
    STAGE: 'local',
    SERVICE_NAME: 'http-stack-test',
    CORS_ORIGINS: `http://localhost:3000,${ALLOWED}`,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_JWKS: JSON.stringify({ keys: [jwk] }),
  });
  jest.resetModules();
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true); // one log line per request: not here
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  http = await import('./index');
  ({ requestHash } = await import('../db/idempotency'));
  ({ authorizer } = await import('../authorizer'));
  const { route, ok, created } = http;
  const routes = routeTableFor('test', SPECS);
  handlers = {
    staffOnly: route(routes.staffOnly, async ({ body }) => created({ got: body })),
    open: route(routes.open, async () => ok({ hello: 'world' })),
    boom: route(routes.boom, async () => {
      throw new Error('secret internals at line 42');
    }),
    keyRequired: route(routes.keyRequired, async ({ idempotency }) => ok(idempotency)),
    keyOptional: route(routes.keyOptional, async ({ idempotency }) => ok(idempotency)),
    anyBody: route(routes.anyBody, async ({ body }) => ok({ body: body ?? null })),
  };
  for (const [name, handler] of Object.entries(handlers)) {
    if (!('auth' in SPECS[name as keyof typeof SPECS])) authenticated.add(handler);
  }
});

afterAll(() => jest.restoreAllMocks());

describe('who first, then what: 401 -> 403 -> 413/415 -> 400', () => {
  const admin = () => token({ roles: ['admin'] });
  const user = () => token({ roles: ['user'] });
  const cases: [rule: string, auth: (() => Promise<string>) | undefined, contentType: string, body: string, status: number, code: string][] = [
    ['no token, body wrong in every way: 401 before anything else', undefined, 'text/plain', tooLarge, 401, 'UNAUTHORIZED'],
    ['token without the role, body wrong in every way: 403', user, 'text/plain', tooLarge, 403, 'FORBIDDEN'],
    ['allowed caller, body too large and not JSON: 413 before 415', admin, 'text/plain', tooLarge, 413, 'PAYLOAD_TOO_LARGE'],
    ['allowed caller, small body that is not JSON by content type: 415', admin, 'text/plain', '{"name":"a"}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['allowed caller, JSON content type, malformed JSON: 400 INVALID_JSON', admin, 'application/json', '{"name": ', 400, 'INVALID_JSON'],
    ['allowed caller, JSON that breaks the schema: 400 VALIDATION_FAILED', admin, 'application/json', '{"name": 7, "extra": 1}', 400, 'VALIDATION_FAILED'],
    ['allowed caller, valid body: the handler answers', admin, 'application/json', '{"name": "  Ada  "}', 201, ''],
  ];

  it.each(cases)('%s', async (_rule, auth, contentType, body, status, code) => {
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (auth) headers.Authorization = `Bearer ${await auth()}`;
    const reply = await call(handlers.staffOnly, { headers, body });
    expect(reply.status).toBe(status);
    if (code) expect(reply.body.error.code).toBe(code);
    else expect(reply.body).toEqual({ got: { name: 'Ada' } }); // strings trimmed before validation
  });

  it('an expired token and a token for another audience are refused by the authorizer: 401 UNAUTHORIZED', async () => {
    const expired = await token({ roles: ['admin'] }, { expiresIn: '-1m' });
    const elsewhere = await token({ roles: ['admin'] }, { audience: 'another-api' });
    for (const bad of [expired, elsewhere]) {
      const reply = await call(handlers.staffOnly, { headers: { authorization: `Bearer ${bad}` } });
      expect([reply.status, reply.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
  });

  it('a handler reached without the authorizer (a misconfigured route) refuses: 401', async () => {
    const reply = await handlers.staffOnly(restEvent({ headers: { Authorization: `Bearer ${await token({ roles: ['admin'] })}` } }), context);
    expect(reply.statusCode).toBe(401);
  });
});

describe('JSON bodies (@middy/http-json-body-parser, mapped to the platform statuses)', () => {
  it.each([
    ['no body needs no content type', { method: 'GET', body: null }, 200, { body: null }],
    ['an empty body counts as none', { method: 'POST', body: '' }, 200, { body: null }],
    ['application/json with a charset', { headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"a":1}' }, 200, { body: { a: 1 } }],
    ['a +json media type, any case', { headers: { 'Content-Type': 'Application/Merge-Patch+JSON' }, body: '{"a":2}' }, 200, { body: { a: 2 } }],
    [
      'a base64-encoded body',
      { headers: { 'content-type': 'application/json' }, body: Buffer.from('{"a":3}').toString('base64'), isBase64Encoded: true },
      200,
      { body: { a: 3 } },
    ],
    ['exactly 64 KiB is accepted', { headers: { 'content-type': 'application/json' }, body: json('y'.repeat(64 * 1024 - 2)) }, 200, undefined],
  ] as [string, Request, number, unknown][])('%s', async (_rule, request, status, body) => {
    const reply = await call(handlers.anyBody, request);
    expect(reply.status).toBe(status);
    if (body !== undefined) expect(reply.body).toEqual(body);
  });

  it.each([
    ['a body without a content type is 415', {}, '{"a":1}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['one byte over 64 KiB is 413', { 'content-type': 'application/json' }, json('y'.repeat(64 * 1024 - 1)), 413, 'PAYLOAD_TOO_LARGE'],
    ['a __proto__ key is refused as invalid JSON (400)', { 'content-type': 'application/json' }, '{"__proto__": {"admin": true}}', 400, 'INVALID_JSON'],
  ])('%s', async (_rule, headers, body, status, code) => {
    const reply = await call(handlers.anyBody, { headers, body });
    expect([reply.status, reply.body.error.code]).toEqual([status, code]);
  });

  it('malformed JSON answers in the VALIDATION_FAILED shape, naming the body', async () => {
    const reply = await call(handlers.anyBody, { headers: { 'content-type': 'application/json' }, body: '{"a": ' });
    expect(reply.body.error).toEqual({
      code: 'INVALID_JSON',
      message: 'The request body is not valid JSON',
      details: [{ field: '(body)', message: 'must be valid JSON' }],
    });
  });
});

describe('the error shape', () => {
  const errors: [rule: string, handler: () => Handler, request: Request, status: number][] = [
    ['401', () => withoutAuthorizer(handlers.staffOnly), {}, 401],
    ['415', () => handlers.anyBody, { headers: { 'content-type': 'text/csv' }, body: 'a,b' }, 415],
    ['400 with details', () => handlers.anyBody, { headers: { 'content-type': 'application/json' }, body: '[' }, 400],
    ['500', () => handlers.boom, {}, 500],
  ];

  it.each(errors)('%s: {error: {code, message, details?}, requestId}, requestId = x-request-id', async (_rule, handler, request, status) => {
    const reply = await call(handler(), request);
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(Object.keys(reply.body).sort()).toEqual(['error', 'requestId']);
    expect(Object.keys(reply.body.error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
    expect(reply.body.error).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) }));
    expect(reply.body.requestId).toBe(reply.headers['x-request-id']);
  });

  it('an unexpected error is a bare 500 INTERNAL_ERROR: no message, no stack out', async () => {
    const reply = await call(handlers.boom, {});
    expect(reply.body.error).toEqual({ code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; it has been logged' });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
  });
});

describe('request ids', () => {
  it.each([
    ['a usable x-request-id is echoed', { 'X-Request-Id': 'client-abc.123' }, 'client-abc.123'],
    ['none sent: one is generated', {}, UUID],
    ['an unusable one (a space in it) is replaced', { 'x-request-id': 'has spaces' }, UUID],
  ] as [string, Record<string, string>, string | RegExp][])('%s, on success and on error', async (_rule, headers, expected) => {
    for (const handler of [handlers.open, withoutAuthorizer(handlers.staffOnly)]) {
      const id = (await call(handler, { method: 'GET', headers })).headers['x-request-id'];
      if (typeof expected === 'string') expect(id).toBe(expected);
      else expect(id).toMatch(expected);
    }
  });

  it('the local stage reports the DynamoDB calls a request made', async () => {
    expect((await call(handlers.open, { method: 'GET' })).headers['x-db-calls']).toBe('0');
  });
});

describe('CORS (the policy in cors-policy.js)', () => {
  const replies: [what: string, handler: () => Handler, status: number][] = [
    ['a success', () => handlers.open, 200],
    ['a 401', () => withoutAuthorizer(handlers.staffOnly), 401],
    ['a 500', () => handlers.boom, 500],
  ];

  it.each(replies)('%s for an allowed origin grants that origin and exposes x-request-id', async (_what, handler, status) => {
    const reply = await call(handler(), { method: 'GET', headers: { Origin: ALLOWED } });
    expect(reply.status).toBe(status);
    expect(reply.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(reply.headers['access-control-expose-headers']).toBe(http.CORS.exposeHeaders);
    expect(reply.headers.vary).toContain('Origin');
    expect(reply.headers['x-request-id']).toBeTruthy();
    expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each(replies)('%s for an unknown origin grants nothing (and is otherwise the same reply)', async (_what, handler, status) => {
    const reply = await call(handler(), { method: 'GET', headers: { origin: UNKNOWN } });
    expect(reply.status).toBe(status);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(reply.headers['x-request-id']).toBeTruthy();
  });

  it('the origin rule: exact match with one of the stage origins, never a wildcard', () => {
    const stage = ['http://localhost:3000', ALLOWED];
    expect(http.allowedOrigin(ALLOWED, stage)).toBe(ALLOWED);
    expect(http.allowedOrigin(`${ALLOWED}.evil.example`, stage)).toBeUndefined();
    expect(http.allowedOrigin('http://localhost:51730', stage)).toBeUndefined();
    expect(http.allowedOrigin(undefined, stage)).toBeUndefined();
    expect(http.allowedOrigin('*', stage)).toBeUndefined();
  });

  it('answers a preflight from an allowed origin with 204 and the whole policy', async () => {
    const reply = await call(http.preflight as Handler, {
      method: 'OPTIONS',
      path: '/things/{proxy+}',
      headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key' },
    });
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    expect(reply.headers).toEqual(
      expect.objectContaining({
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, idempotency-key, x-request-id',
        'access-control-expose-headers': 'x-request-id, retry-after',
        'access-control-max-age': '600',
        'x-request-id': expect.any(String),
      }),
    );
  });

  it('answers a preflight from an unknown origin with 204 and no grant', async () => {
    const reply = await call(http.preflight as Handler, { method: 'OPTIONS', headers: { Origin: UNKNOWN, 'Access-Control-Request-Method': 'DELETE' } });
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("API Gateway's own answers (config/gateway-responses.js) carry the same policy", () => {
    // A CommonJS file the Serverless plugin loads with plain Node.
    const { gatewayResponses } = require('../../../config/gateway-responses') as {
      gatewayResponses: (o: { restApiLogicalId: string; origins: string[] }) => Record<string, { Properties: { ResponseParameters: Record<string, string> } }>;
    };
    const params = Object.values(gatewayResponses({ restApiLogicalId: 'Api', origins: [ALLOWED] })).map((r) => r.Properties.ResponseParameters);
    for (const p of params) {
      expect(p['gatewayresponse.header.Access-Control-Allow-Headers']).toBe(`'${http.CORS.allowHeaders}'`);
      expect(p['gatewayresponse.header.Access-Control-Allow-Methods']).toBe(`'${http.CORS.allowMethods}'`);
      expect(p['gatewayresponse.header.Access-Control-Expose-Headers']).toBe(`'${http.CORS.exposeHeaders}'`);
      expect(p['gatewayresponse.header.Access-Control-Allow-Origin']).toBe(`'${ALLOWED}'`);
    }
  });
});

describe('the idempotency option', () => {
  const body = '{"name": "Ada"}';
  const withKey = async (key?: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${await token({ sub: 'user-7' })}`,
    'content-type': 'application/json',
    ...(key === undefined ? {} : { 'Idempotency-Key': key }),
    ...extra,
  });

  it('required and missing: 400 IDEMPOTENCY_KEY_REQUIRED naming the header', async () => {
    const reply = await call(handlers.keyRequired, { headers: await withKey(), body });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      message: 'The Idempotency-Key header is required',
      details: [{ field: 'Idempotency-Key', message: 'is required' }],
    });
  });

  it.each([
    ['blank counts as missing', '   ', 400, 'IDEMPOTENCY_KEY_REQUIRED'],
    ['longer than 255 characters is 400', 'k'.repeat(256), 400, 'VALIDATION_FAILED'],
  ])('required: a key that is %s', async (_rule, key, status, code) => {
    const reply = await call(handlers.keyRequired, { headers: await withKey(key), body });
    expect([reply.status, reply.body.error.code]).toEqual([status, code]);
  });

  it('is checked after who (401) and after the body (400 VALIDATION_FAILED)', async () => {
    expect((await call(handlers.keyRequired, { headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    const invalid = await call(handlers.keyRequired, { headers: await withKey(), body: '{"nom": 1}' });
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('hands the handler the user, the trimmed key and the fingerprint of method, path and validated body', async () => {
    const reply = await call(handlers.keyRequired, { path: '/loans/apply', headers: await withKey('  key-1  '), body: '{"name": "  Ada "}' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ userId: 'user-7', key: 'key-1', fingerprint: requestHash('POST /loans/apply', { name: 'Ada' }) });
  });

  it('optional and absent: the request simply runs, without a key', async () => {
    const reply = await call(handlers.keyOptional, { headers: await withKey() });
    expect([reply.status, reply.body]).toEqual([200, { userId: 'user-7' }]);
  });

  it('optional and sent: honoured like a required one', async () => {
    const reply = await call(handlers.keyOptional, { headers: await withKey('k-2'), body });
    expect(reply.body).toEqual(expect.objectContaining({ key: 'k-2', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    expect((await call(handlers.keyOptional, { headers: await withKey('k'.repeat(256)), body })).status).toBe(400);
  });

  it('cannot be declared on a public route (keys are per user)', () => {
    const spec = { method: 'POST', path: '/x', summary: 'x', auth: false, idempotency: 'optional', responses: { 204: null } } as const;
    expect(() => http.route(routeTableFor('test', { publicKeyed: spec }).publicKeyed, async () => undefined)).toThrow(/authenticated/);
  });
});

describe('validators: generated at build time, never compiled by route()', () => {
  it('a route its generated table lacks (a table older than the contract) is refused when the module loads', () => {
    const routes = routeTableFor('test', { fresh: { method: 'GET', path: '/fresh', summary: 'fresh', responses: { 204: null } } });
    const stale = (routes as unknown as Record<string, typeof routes.fresh>).addedSince;
    expect(() => http.route(stale, async () => undefined)).toThrow(/not in routes\.generated\.js .*run npm run contract/);
  });

  it('the table holds what route() reads: method, path, who may call, options and validators, never the schemas', () => {
    const { keyOptional, staffOnly } = routeTableFor('test', SPECS);
    expect(keyOptional).toEqual({
      operationId: 'keyOptional',
      service: 'test',
      method: 'POST',
      path: '/maybe-keyed',
      idempotency: 'optional',
      bodyOptional: true,
      validators: { body: expect.any(Function) },
    });
    expect(staffOnly).toMatchObject({ roles: ['admin'], validators: { body: expect.any(Function) } });
  });

  it('the generated code calls the platform formats module (one definition of date, currency, ulid...)', () => {
    const spec = {
      dated: { method: 'POST', path: '/d', summary: 'd', body: Type.Object({ on: Type.String({ format: 'date' }) }), responses: { 204: null } },
    } as const satisfies Record<string, RouteSpec>;
    const validate = routeTableFor('test', spec).dated.validators.body as (value: unknown) => boolean;
    expect([validate({ on: '2024-02-29' }), validate({ on: '2023-02-29' })]).toEqual([true, false]);
  });
});
