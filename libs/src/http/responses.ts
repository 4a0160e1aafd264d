/** What a route returns: a status, a body, extra headers. Handlers build these, the stack serialises them. */
export interface Reply {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const REPLY = Symbol('reply');
type Tagged = Reply & { [REPLY]: true };

const reply = (statusCode: number, body?: unknown, headers?: Record<string, string>): Tagged => ({ [REPLY]: true, statusCode, body, headers });

export const ok = (body: unknown, headers?: Record<string, string>) => reply(200, body, headers);
export const created = (body: unknown, headers?: Record<string, string>) => reply(201, body, headers);
export const noContent = () => reply(204);
export const withStatus = (statusCode: number, body: unknown) => reply(statusCode, body);

export const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && REPLY in value;
