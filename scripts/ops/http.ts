/** A small JSON client for the platform's HTTP API (the demo seed goes through it so business rules apply). */
export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON of many shapes, read field by field by the demo seed
  body: any;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly reply: Reply,
  ) {
    super(`${method} ${path} -> ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  }
  /** The route does not exist (the service is not there yet) or its service is down. */
  get routeMissing(): boolean {
    return (this.reply.status === 404 && this.reply.body?.error?.message?.startsWith?.('No route')) || this.reply.status === 503 || this.reply.status === 502;
  }
}

export function client(baseUrl: string) {
  return async function call(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; idempotencyKey?: string; expect?: number[] } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    } catch (error) {
      throw new Error(`cannot reach the platform at ${baseUrl} (${(error as Error).message}): is \`npm start\` running? (PLATFORM_URL)`);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    const reply = { status: response.status, body };
    if (!(opts.expect ?? [200, 201, 204]).includes(response.status)) throw new ApiError(method, path, reply);
    return reply;
  };
}
export type Call = ReturnType<typeof client>;
