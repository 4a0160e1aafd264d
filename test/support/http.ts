/**
 * A small client for integration tests: one call per request, everything a test asserts on
 * (status, headers by lower-case name, the parsed body) in the reply. Every reply is checked
 * against docs/openapi.json (checkReply in reply-check.ts): a reply the document does not describe
 * fails the test that received it. `client()` is the typed client (@platform/api-client) on the
 * same check.
 */
import { createApiClient, type ApiClient, type ErrorReply } from '@platform/api-client';
import { checkReply } from './reply-check';

export interface ApiOptions {
  /** sent as `Authorization: Bearer <token>` */
  token?: string;
  /** serialised as JSON with `Content-Type: application/json` */
  body?: unknown;
  headers?: Record<string, string>;
  /** sent as-is (bad JSON, another content type, an oversized body); set Content-Type in headers */
  rawBody?: string | Buffer;
}

export interface ApiResponse<T = unknown> {
  status: number;
  /** lower-case header names */
  headers: Record<string, string>;
  /** parsed JSON when the reply is JSON, else the text ('' when empty) */
  body: T;
}

export const platformUrl = (): string => {
  const url = process.env.PLATFORM_URL;
  if (!url) throw new Error('PLATFORM_URL is not set (see test/support/global-setup.ts)');
  return url;
};

export async function api<T = unknown>(method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined;
  if (options.rawBody !== undefined) {
    payload = options.rawBody;
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(new URL(path, platformUrl()), { method, headers, body: payload });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json') && text.length > 0;
  let body: unknown = text;
  if (isJson) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text; // a reply that claims JSON but is not: let the test see the text
    }
  }
  const reply = { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: body as T };
  checkReply({ method, path, ...reply });
  return reply;
}

/** fetch for the typed client: the same check on every reply (the body is read from a clone). */
const checkedFetch = async (request: Request): Promise<Response> => {
  const response = await fetch(request);
  const text = await response.clone().text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const url = new URL(request.url);
  checkReply({
    method: request.method,
    path: `${url.pathname}${url.search}`,
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body,
  });
  return response;
};

/** The typed client against the test platform, signed in with `token` when given. */
export const client = (token?: string): ApiClient => createApiClient(platformUrl(), { token: () => token, fetch: checkedFetch });

/**
 * The error of an error reply, typed; fails the test when the reply is not in the error shape.
 * For api()'s replies to hostile or malformed requests (the typed client cannot send those).
 */
export function errorOf(reply: { status: number; body: unknown }): ErrorReply['error'] {
  const body = reply.body as Partial<ErrorReply> | undefined;
  if (reply.status < 400 || !body?.error || typeof body.error.code !== 'string') {
    throw new Error(`expected an error reply, got ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return body.error;
}

/** DynamoDB calls the request made (the x-db-calls header of the local stage), from api() or the typed client. */
export const dbCalls = (reply: { headers: Record<string, string> | Headers }): number =>
  Number(reply.headers instanceof Headers ? reply.headers.get('x-db-calls') : reply.headers['x-db-calls']);

/** A reply of the typed client: `{ data, error, response }`. */
export interface ClientResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const describeResult = (result: ClientResult): string => `${result.response.status} ${JSON.stringify(result.data !== undefined ? result.data : result.error)}`;

/**
 * The data of a typed client's reply, asserting its status first (the reply is printed when it
 * differs): `const loan = expectData(await client(token).POST('/loans', {...}), 201)`.
 */
export function expectData<R extends ClientResult>(result: R, status: number): NonNullable<R['data']> {
  if (result.response.status !== status) {
    throw new Error(`expected ${status}, got ${describeResult(result)}`);
  }
  if (result.data === undefined || result.data === null) {
    throw new Error(`expected data with ${status}, got ${describeResult(result)}`);
  }
  return result.data as NonNullable<R['data']>;
}

/**
 * The error of a typed client's error reply, asserting its status first (the reply is printed when
 * it differs): `expect(expectError(reply, 404).code).toBe('NOT_FOUND')`.
 */
export function expectError<R extends ClientResult>(result: R, status: number): ErrorReply['error'] {
  if (result.response.status !== status) {
    throw new Error(`expected ${status}, got ${describeResult(result)}`);
  }
  const error = result.error as Partial<ErrorReply> | undefined;
  if (!error?.error || typeof error.error.code !== 'string') {
    throw new Error(`expected an error reply with ${status}, got ${describeResult(result)}`);
  }
  return error.error;
}
