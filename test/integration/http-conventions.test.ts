/** The conventions every route shares (docs/api.md). */
import type { ErrorReply } from '@platform/api-client';
import { api, client, errorOf } from '../support/http';
import { registerUser } from '../support/users';

const ORIGIN = 'http://localhost:5173';

describe('error shape, request ids and CORS', () => {
  it('echoes x-request-id and puts it in the error body', async () => {
    // an empty body does not type-check (email and password are required): api()
    const reply = await api('POST', '/auth/login', { body: {}, headers: { 'x-request-id': 'test-req-123', origin: ORIGIN } });
    expect(reply.status).toBe(400);
    expect(reply.headers['x-request-id']).toBe('test-req-123');
    expect(reply.body).toEqual({
      error: expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.any(Array) }),
      requestId: 'test-req-123',
    });
  });

  it('generates a request id when none is sent', async () => {
    const { response } = await client().GET('/auth/.well-known/jwks.json');
    expect(response.headers.get('x-request-id')).toMatch(/.{8,}/);
  });

  it('carries CORS headers on errors for an allowed origin', async () => {
    const { response } = await client().GET('/users/me', { headers: { origin: ORIGIN } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('gives no CORS grant to an origin that is not configured', async () => {
    const { response } = await client().GET('/auth/.well-known/jwks.json', { headers: { origin: 'https://evil.example.com' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull(); // Headers.get: null when absent
  });

  it('answers the browser preflight', async () => {
    // the document has no OPTIONS operations: api()
    const reply = await api('OPTIONS', '/users/me', {
      headers: { origin: ORIGIN, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(reply.headers['access-control-allow-methods']).toContain('PATCH');
    expect(reply.headers['access-control-allow-headers']).toContain('idempotency-key');
  });

  it('answers an unknown route with 404 NOT_FOUND in the error shape, before any auth check', async () => {
    for (const path of ['/nowhere/at/all', '/users/me/unknown/deeper', '/auth/nope']) {
      const reply = await api<ErrorReply>('GET', path, { headers: { origin: ORIGIN } });
      expect(reply.status).toBe(404);
      expect(errorOf(reply).code).toBe('NOT_FOUND');
      expect(reply.body.requestId).toBeTruthy();
    }
  });
});

describe('request bodies', () => {
  it('413 for a body over 64 KiB', async () => {
    const reply = await api('POST', '/auth/register', {
      rawBody: JSON.stringify({ name: 'x'.repeat(70 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(413);
    expect(errorOf(reply).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('415 for a body that is not JSON by content type', async () => {
    const reply = await api('POST', '/auth/login', { rawBody: 'email=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(reply.status).toBe(415);
  });

  it('400 for malformed JSON', async () => {
    const reply = await api('POST', '/auth/login', { rawBody: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('INVALID_JSON');
  });

  it('400 naming each over-long or unknown field', async () => {
    const { accessToken } = await registerUser();
    // an unknown field does not type-check: api()
    const reply = await api('PATCH', '/users/me', { token: accessToken, body: { name: 'n'.repeat(201), shoeSize: 44 } });
    expect(reply.status).toBe(400);
    const fields = (errorOf(reply).details ?? []).map((d) => d.field).sort();
    expect(fields).toEqual(['name', 'shoeSize']);
  });
});
