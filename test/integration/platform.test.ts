/** The local platform itself: the gateway's own answers, and the emulators tests rely on. */
import { HeadObjectCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { ErrorReply } from '@platform/api-client';
import { api, platformUrl } from '../support/http';
import { cognitoUser } from '../support/users';

const ALLOWED_ORIGIN = 'http://localhost:5173';

const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

describe('the local gateway', () => {
  it('answers an unknown first path segment with 404 NOT_FOUND in the error shape', async () => {
    const reply = await api('GET', '/no-such-service/things?limit=5');

    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toContain('application/json');
    expect(reply.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for GET /no-such-service/things' },
      requestId: reply.headers['x-request-id'],
    });
  });

  it.each([
    [
      'a 10 MB body',
      'POST',
      '/contacts',
      { rawBody: 'x'.repeat(10 * 1024 * 1024), headers: { 'content-type': 'application/json', origin: ALLOWED_ORIGIN } },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a path that is not valid UTF-8', 'GET', '/contacts/%E0%A4%A', { headers: { origin: ALLOWED_ORIGIN } }, 400, 'BAD_REQUEST'],
    [
      'a long unknown path of a service, asked for gzip',
      'GET',
      `/contacts/${'x'.repeat(2000)}/nothing`,
      { headers: { 'accept-encoding': 'gzip', origin: ALLOWED_ORIGIN } },
      404,
      'NOT_FOUND',
    ],
  ] as const)('answers %s in the error shape, with a request id and CORS', async (_what, method, path, options, status, code) => {
    const reply = await api<ErrorReply>(method, path, options);

    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
    expect(reply.body.requestId).toBe(reply.headers['x-request-id']);
    expect(reply.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
  });

  it("echoes the caller's x-request-id, and makes one up when there is none", async () => {
    const echoed = await api<ErrorReply>('DELETE', '/nowhere', { headers: { 'x-request-id': 'smoke-test-42' } });
    const madeUp = await api('DELETE', '/nowhere');

    expect(echoed.headers['x-request-id']).toBe('smoke-test-42');
    expect(echoed.body.requestId).toBe('smoke-test-42');
    expect(madeUp.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries the CORS headers on an error for an allowed origin, and none for another', async () => {
    const allowed = await api('GET', '/nowhere', { headers: { origin: ALLOWED_ORIGIN } });
    const other = await api('GET', '/nowhere', { headers: { origin: 'https://evil.example' } });

    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-expose-headers']).toBe('x-request-id, retry-after');
    expect(allowed.headers.vary).toBe('Origin');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a browser preflight for an unknown segment with 204 and the CORS policy', async () => {
    const reply = await api('OPTIONS', '/nowhere/at/all', {
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key' },
    });

    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(reply.headers['access-control-allow-methods']).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS');
    expect(reply.headers['access-control-allow-headers']).toBe('authorization, content-type, idempotency-key, x-request-id');
    expect(reply.headers['x-request-id']).toBeDefined();
  });

  it('does not approve a preflight from an origin the stage does not allow', async () => {
    const reply = await api('OPTIONS', '/nowhere', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });

    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves at the test port, apart from a running `npm start`', () => {
    expect(platformUrl()).toBe(`http://localhost:${13000 + Number(process.env.PLATFORM_TEST_PORT_OFFSET ?? 0)}`);
  });
});

describe('the local emulators', () => {
  const s3 = new S3Client({
    endpoint: process.env.S3_ENDPOINT,
    forcePathStyle: true,
    region: 'us-east-1',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  afterAll(() => s3.destroy());

  it('signs a Cognito user in to the gift-tracker pool and returns an access token with its groups', async () => {
    const { accessToken } = await cognitoUser({ groups: ['admin'] });
    const claims = claimsOf(accessToken);

    expect(claims.token_use).toBe('access');
    expect(claims.iss).toBe(process.env.COGNITO_ISSUER);
    expect(claims.client_id).toBe(process.env.COGNITO_CLIENT_ID);
    expect(claims['cognito:groups']).toEqual(['admin']);
  });

  it("publishes the pool's JWKS at the issuer, where the auth library fetches it", async () => {
    const jwks = (await (await fetch(`${process.env.COGNITO_ISSUER}/.well-known/jwks.json`)).json()) as { keys: object[] };

    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  });

  it("hands the platform's own public signing key to the services", () => {
    const jwks = JSON.parse(process.env.AUTH_JWKS!) as { keys: Array<Record<string, unknown>> };

    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it("has both buckets, accepting the platform's local credentials", async () => {
    const { Buckets } = await s3.send(new ListBucketsCommand({}));

    expect(Buckets?.map((b) => b.Name)).toEqual(expect.arrayContaining([process.env.GIFT_IMAGES_BUCKET, process.env.LOAN_DOCUMENTS_BUCKET]));
  });

  it("takes a browser's presigned POST upload from an allowed origin, with the CORS headers the browser needs", async () => {
    const bucket = process.env.GIFT_IMAGES_BUCKET!;
    const key = `smoke/${Date.now()}.png`;
    const { url, fields } = await createPresignedPost(s3, { Bucket: bucket, Key: key, Fields: { 'Content-Type': 'image/png' }, Expires: 300 });
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' } });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([Buffer.from('89504e47', 'hex')], { type: 'image/png' }));
    const upload = await fetch(url, { method: 'POST', body: form, headers: { origin: ALLOWED_ORIGIN } });
    const stored = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));

    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(upload.status).toBe(204);
    expect(upload.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(stored).toMatchObject({ ContentLength: 4, ContentType: 'image/png' });
  });
});
