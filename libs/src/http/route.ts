/**
 * The one Middy stack every HTTP handler uses, in this order (before: top to bottom; after and
 * onError: bottom to top):
 *   1. request context  - x-request-id in or generated, logger, timing; logs one line per request
 *   2. header normalizer - lower-case header names
 *   3. CORS             - allowed origins per stage, on success AND error replies
 *   4. error responder  - any thrown error -> the SPEC's error shape (no stack traces)
 *   5. the route        - body (64 KiB, 415, 400), validation, authentication, roles, then the handler
 * The whole invocation runs inside a DynamoDB call counter (x-db-calls on the local stage).
 */
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { authenticate, requireRole, type Principal, type Role } from '../auth';
import { config } from '../config';
import { countDbCalls, dbCallCount } from '../db/metrics';
import { parseJsonBody } from './body';
import { toErrorResponse } from './error-response';
import { rootLogger, type Logger } from './logger';
import { isReply, type Reply } from './responses';
import { bodyValidator, queryValidator, trimStrings, type Schema } from './validation';

export interface RouteContext<B, Q> {
  event: APIGatewayProxyEvent;
  body: B;
  query: Q;
  params: Record<string, string>;
  headers: Record<string, string | undefined>;
  principal: Principal; // present when the route is authenticated (the default)
  requestId: string;
  logger: Logger;
  route: string;
}

export interface RouteOptions {
  /** false for the few public routes (register, login, refresh, logout, jwks, preflight). */
  auth?: boolean;
  /** Any one of these roles is enough; 403 otherwise. */
  roles?: readonly Role[];
  body?: Schema;
  /** The body may be absent (PATCH-like routes with optional fields still need an object). */
  bodyOptional?: boolean;
  query?: Schema;
}

type HttpEvent = APIGatewayProxyEvent;
interface State {
  requestId: string;
  logger: Logger;
  started: number;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

export const CORS = {
  headers: 'authorization,content-type,idempotency-key,x-request-id',
  methods: 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
  exposeHeaders: 'x-request-id,retry-after',
  maxAge: 600,
};

function routeName(event: HttpEvent): string {
  return `${event.httpMethod} ${event.resource ?? event.path}`;
}

function requestContext(state: WeakMap<object, State>): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResult> {
  const finish = (request: middy.Request<HttpEvent, APIGatewayProxyResult>) => {
    const s = state.get(request.event)!;
    const response = request.response ?? { statusCode: 500, body: '' };
    response.headers = { ...(response.headers ?? {}), 'x-request-id': s.requestId };
    const calls = dbCallCount();
    if (config().stage === 'local') response.headers['x-db-calls'] = String(calls);
    s.logger.log('info', 'request', { status: response.statusCode, durationMs: Date.now() - s.started, dbCalls: calls });
    request.response = response;
  };
  return {
    before: (request) => {
      const incoming = request.event.headers?.['x-request-id'] ?? request.event.headers?.['X-Request-Id'];
      const requestId = incoming && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
      const logger = rootLogger.child({ requestId, route: routeName(request.event), method: request.event.httpMethod, path: request.event.path });
      state.set(request.event, { requestId, logger, started: Date.now() });
    },
    after: finish,
    onError: finish,
  };
}

function errorResponder(state: WeakMap<object, State>): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResult> {
  return {
    onError: (request) => {
      const s = state.get(request.event)!;
      request.response = toErrorResponse(request.error, s.requestId, s.logger);
    },
  };
}

function serialize(result: Reply | unknown): APIGatewayProxyResult {
  const reply: Reply = isReply(result) ? result : { statusCode: 200, body: result };
  if (reply.body === undefined) return { statusCode: reply.statusCode, headers: reply.headers ?? {}, body: '' };
  return {
    statusCode: reply.statusCode,
    headers: { 'Content-Type': 'application/json', ...(reply.headers ?? {}) },
    body: JSON.stringify(reply.body),
  };
}

/** Wraps the stack around a function, and the function in the DynamoDB call counter. */
export function stack(inner: (event: HttpEvent, state: State) => Promise<APIGatewayProxyResult>) {
  const state = new WeakMap<object, State>();
  const wrapped = middy<HttpEvent, APIGatewayProxyResult>()
    .use(requestContext(state))
    .use(httpHeaderNormalizer())
    .use(
      httpCors({
        origins: config().corsOrigins,
        headers: CORS.headers,
        methods: CORS.methods,
        exposeHeaders: CORS.exposeHeaders,
        maxAge: CORS.maxAge,
      }),
    )
    .use(errorResponder(state))
    .handler(async (event) => inner(event, state.get(event)!));
  return (event: HttpEvent, context: Context) => countDbCalls(() => wrapped(event, context));
}

/** Declares an HTTP route: what it accepts, who may call it, and the function that answers. */
export function route<B = undefined, Q = Record<string, never>>(
  options: RouteOptions,
  handle: (ctx: RouteContext<B, Q>) => Promise<Reply | unknown>,
) {
  const validateBody = options.body ? bodyValidator<B>(options.body) : undefined;
  const validateQuery = options.query ? queryValidator<Q>(options.query) : undefined;
  return stack(async (event, { requestId, logger }) => {
    const headers = (event.headers ?? {}) as Record<string, string | undefined>;
    // Who first (401/403), then what (413/415/400).
    let principal = undefined as unknown as Principal;
    if (options.auth !== false) {
      principal = await authenticate(headers.authorization);
      if (options.roles) requireRole(principal, ...options.roles);
    }
    let body = parseJsonBody(event.body, event.isBase64Encoded, headers['content-type']);
    if (validateBody) {
      if (body === undefined && options.bodyOptional) body = {};
      body = validateBody(trimStrings(body));
    }
    const query = validateQuery ? validateQuery({ ...(event.queryStringParameters ?? {}) }) : ({} as Q);
    const result = await handle({
      event,
      body: body as B,
      query,
      params: (event.pathParameters ?? {}) as Record<string, string>,
      headers,
      principal,
      requestId,
      logger: principal ? logger.child({ userId: principal.userId }) : logger,
      route: routeName(event),
    });
    return serialize(result);
  });
}

/** OPTIONS /{proxy+}: the CORS preflight answer, from the same configuration as every reply. */
export const preflight = stack(async () => ({ statusCode: 204, headers: {}, body: '' }));
