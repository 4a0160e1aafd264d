/**
 * The one Middy stack every HTTP handler uses, in this order (before: top to bottom; after and
 * onError: bottom to top). docs/http-stack.md says the same at more length.
 *   1. request context  - x-request-id in or generated, logger, timing; logs one line per request
 *   2. header normalizer - lower-case header names
 *   3. CORS             - the platform's policy (cors-policy.js), on success AND error replies
 *   4. error responder  - any thrown error -> the one error shape of docs/api.md (no stack traces)
 *   5. authentication   - the caller as the authorizer passed them (401 if it did not run), then 403
 *                         without one of the route's roles
 *   6. body             - 64 KiB (413), then @middy/http-json-body-parser (415, malformed -> 400)
 *   7. the route        - body and query validation (400), Idempotency-Key (400), then the handler
 * A route is declared by its contract (services/<name>/src/contract.ts); handlers load its entry in
 * the route table `npm run contract` generated from it (routes.generated.js), whose validators check
 * the body and query: nothing is compiled when a container starts, no schema library is loaded.
 * Who first (401/403), then what (413/415/400). The whole invocation runs inside a DynamoDB call
 * counter (x-db-calls on the local stage).
 */
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { principalFromRequest, requireRole, type Principal, type Role } from '../auth';
import { Unauthorized } from '../errors';
import { config } from '../config';
import { idempotentRequest, type IdempotencyMode, type IdempotentRequest } from '../db/idempotency';
import { countDbCalls, dbCallCount } from '../db/metrics';
import { jsonBody } from './body';
import { allowedOrigin, CORS } from './cors-policy';
import { toErrorResponse } from './error-response';
import { rootLogger, type Logger } from './logger';
import { isReply, type Reply } from './responses';
import type { BodyOf, QueryOf, RouteEntry } from '../contract';
import { generatedValidator, normalizeText } from './validation';

export interface RouteContext<B, Q> {
  event: APIGatewayProxyEvent;
  body: B;
  query: Q;
  params: Record<string, string>;
  headers: Record<string, string | undefined>;
  principal: Principal; // present when the route is authenticated (the default)
  /** present with the `idempotency` option: the parsed Idempotency-Key and the request's fingerprint */
  idempotency: IdempotentRequest;
  requestId: string;
  logger: Logger;
  route: string;
}

/** What route() reads from a route's entry besides its validators (RouteSpec in libs/src/contract says the same). */
export interface RouteOptions {
  /** false for the few public routes (register, login, refresh, logout, jwks, preflight). */
  auth?: boolean;
  /** Any one of these roles is enough; 403 otherwise. */
  roles?: readonly Role[];
  /** The body may be absent (PATCH-like routes with optional fields still need an object). */
  bodyOptional?: boolean;
  /**
   * The Idempotency-Key header: 'required' (400 IDEMPOTENCY_KEY_REQUIRED without it) or 'optional'
   * (honoured when sent). Parsed after the body is validated; the handler gets ctx.idempotency and
   * runs its write through its product's store (loans: `idempotently` in repositories/idempotency).
   */
  idempotency?: IdempotencyMode;
}

type HttpEvent = APIGatewayProxyEvent;
type Middleware = middy.MiddlewareObj<HttpEvent, APIGatewayProxyResult>;
interface State {
  requestId: string;
  logger: Logger;
  started: number;
  principal?: Principal;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's state, set by the first middleware for every event that enters the stack. */
function stateOf(state: WeakMap<object, State>, event: HttpEvent): State {
  const s = state.get(event);
  if (!s) throw new Error('the request context middleware did not run');
  return s;
}

function routeName(event: HttpEvent): string {
  return `${event.httpMethod} ${event.resource ?? event.path}`;
}

function requestContext(state: WeakMap<object, State>): Middleware {
  const finish = (request: middy.Request<HttpEvent, APIGatewayProxyResult>) => {
    const s = stateOf(state, request.event);
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

function errorResponder(state: WeakMap<object, State>): Middleware {
  return {
    onError: (request) => {
      const s = stateOf(state, request.event);
      request.response = toErrorResponse(request.error, s.requestId, s.logger);
    },
  };
}

/** Who may call a stack: route() passes its options; the preflight is public. */
type Access = Pick<RouteOptions, 'auth' | 'roles'>;

/**
 * Who is asking and whether they may (403), before the body is even looked at. The token was
 * verified by the authorizer (libs/src/authorizer), which API Gateway runs before this function:
 * a request without its context never passed it (a misconfigured route), so 401.
 */
function authentication(state: WeakMap<object, State>, access: Access): Middleware {
  return {
    before: (request) => {
      if (access.auth === false) return;
      const principal = principalFromRequest(request.event.requestContext);
      if (!principal) throw new Unauthorized('Send a valid access token: Authorization: Bearer <token>');
      if (access.roles) requireRole(principal, ...access.roles);
      stateOf(state, request.event).principal = principal;
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
export function stack(inner: (event: HttpEvent, state: State) => Promise<APIGatewayProxyResult>, access: Access = { auth: false }) {
  const state = new WeakMap<object, State>();
  const origins = config().corsOrigins;
  const wrapped = middy<HttpEvent, APIGatewayProxyResult>()
    .use(requestContext(state))
    .use(httpHeaderNormalizer())
    .use(
      httpCors({
        origins,
        getOrigin: (origin: string | undefined) => allowedOrigin(origin, origins) ?? null,
        headers: CORS.allowHeaders,
        methods: CORS.allowMethods,
        exposeHeaders: CORS.exposeHeaders,
        maxAge: CORS.maxAgeSeconds,
      }),
    )
    .use(errorResponder(state))
    .use(authentication(state, access))
    .use(jsonBody())
    .handler(async (event) => inner(event, stateOf(state, event)));
  return (event: HttpEvent, context: Context) => countDbCalls(() => wrapped(event, context));
}

/** A route's generated validator of its body or query, wrapped to answer 400 with the fields' details. */
function generated<T>(entry: RouteEntry, part: 'body' | 'query'): ((value: unknown) => T) | undefined {
  const validate = entry.validators[part];
  return validate && generatedValidator<T>(validate, part === 'body' ? 'request body' : 'query string');
}

/**
 * Declares an HTTP route from its entry in the service's route table (routes.generated.js, written
 * from the contract by `npm run contract`): what it accepts, who may call it, and the function that answers.
 */
export function route<R extends RouteEntry>(entry: R, handle: (ctx: RouteContext<BodyOf<R>, QueryOf<R>>) => Promise<Reply | unknown>) {
  type B = BodyOf<R>;
  type Q = QueryOf<R>;
  // A handler naming a route its table lacks: the table is older than the contract.
  if (!entry) throw new Error('route(): the route is not in routes.generated.js (older than the contract): run npm run contract');
  const options: RouteOptions = entry;
  if (options.idempotency && options.auth === false) throw new Error('route(): the idempotency option needs an authenticated route (keys are scoped per user)');
  const validateBody = generated<B>(entry, 'body');
  const validateQuery = generated<Q>(entry, 'query');
  return stack(async (event, { requestId, logger, principal }) => {
    // The middlewares have authenticated (401/403) and parsed the body (413/415/400): now what it says.
    const headers = (event.headers ?? {}) as Record<string, string | undefined>;
    let body = event.body as unknown;
    if (validateBody) {
      if (body === undefined && options.bodyOptional) body = {};
      body = validateBody(normalizeText(body));
    }
    const query = validateQuery ? validateQuery(normalizeText({ ...(event.queryStringParameters ?? {}) }, { trim: false })) : ({} as Q);
    // The fingerprint hashes the method, the path as sent and the validated body (as stored records expect).
    const idempotency =
      options.idempotency && principal
        ? idempotentRequest(principal.userId, headers, options.idempotency, `${event.httpMethod} ${event.path}`, body)
        : (undefined as unknown as IdempotentRequest);
    const result = await handle({
      event,
      body: body as B,
      query,
      params: (event.pathParameters ?? {}) as Record<string, string>,
      headers,
      principal: principal as Principal,
      idempotency,
      requestId,
      logger: principal ? logger.child({ userId: principal.userId }) : logger,
      route: routeName(event),
    });
    return serialize(result);
  }, options);
}

/** OPTIONS /{proxy+}: the CORS preflight answer, from the same configuration as every reply. */
export const preflight = stack(async () => ({ statusCode: 204, headers: {}, body: '' }));
