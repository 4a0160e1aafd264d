/**
 * A small client for integration tests: one call per request, everything a test asserts on
 * (status, headers by lower-case name, the parsed body) in the reply.
 */
export interface ApiOptions {
  /** sent as `Authorization: Bearer <token>` */
  token?: string;
  /** serialised as JSON with `Content-Type: application/json` */
  body?: unknown;
  headers?: Record<string, string>;
  /** sent as-is (bad JSON, another content type, an oversized body); set Content-Type in headers */
  rawBody?: string | Buffer;
}

export interface ApiResponse<T = any> {
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

export async function api<T = any>(method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse<T>> {
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
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: body as T };
}
