/**
 * The API contract of a route, declared once beside it (services/<name>/src/contract.ts) with
 * TypeBox schemas. From it come, at build time (`npm run contract`): the route table the handlers
 * load (services/<name>/src/routes.generated.js: method, path, who may call, the Idempotency-Key
 * option and the request validators as Ajv standalone code, so no schema is compiled and neither
 * TypeBox nor the contract is in a bundle), the TypeScript types of body, query and reply
 * (Static<...>), and the OpenAPI document (docs/openapi.json). Nothing is written twice.
 */
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { Role } from '../auth/roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type SuccessStatus = 200 | 201 | 204;
/** Error statuses a route may answer (the error shape); 400/401/403/404 are added where they apply. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway style: '/loans/{loanId}/approve' */
  path: string;
  summary: string;
  description?: string;
  /** false for the few public routes (register, login, refresh, logout, jwks). Default true. */
  auth?: boolean;
  /** Any one of these roles is enough; 403 otherwise. */
  roles?: readonly Role[];
  /** The Idempotency-Key header: required (400 without it) or honoured when sent. */
  idempotency?: 'required' | 'optional';
  /** Path parameters, e.g. Type.Object({ loanId: Id }). */
  params?: TObject;
  query?: TObject;
  body?: TSchema;
  /** The body may be absent (it is then read as {}). */
  bodyOptional?: boolean;
  /** Success replies by status; null is a reply without a body (204). */
  responses: { [S in SuccessStatus]?: TSchema | null };
  /** Business errors this route answers besides the ones every route has (400, 401, 403, 413, 415). */
  errors?: readonly ErrorStatus[];
}

/** What Ajv standalone code exports for one schema. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

export type RouteContract<S extends RouteSpec = RouteSpec> = S & { operationId: string; service: string };

type StaticOr<T, Else> = T extends TSchema ? Static<T> : Else;
export type ReplyOf<S extends RouteSpec, Status extends SuccessStatus = 200> = StaticOr<S['responses'][Status], undefined>;

/** The key of the types a route entry carries for TypeScript only (never present at run time). */
declare const types: unique symbol;

/**
 * A route as a handler loads it: its entry in services/<name>/src/routes.generated.js, which
 * `npm run contract` writes from the contract at build time (what route() reads: no schema, no
 * TypeBox, no contract module in a bundle), with the validators generated from its body and query.
 */
export interface RouteEntry extends Pick<RouteSpec, 'method' | 'path' | 'auth' | 'roles' | 'idempotency' | 'bodyOptional'> {
  operationId: string;
  service: string;
  validators: { body?: CompiledValidator; query?: CompiledValidator };
  readonly [types]?: { body: unknown; query: unknown };
}

/** The entries of a service's routes.generated.js, typed from its contract (routes.generated.d.ts). */
export type RouteTable<T extends Record<string, RouteSpec>> = {
  readonly [K in keyof T]: RouteEntry & {
    operationId: K & string;
    readonly [types]?: { body: StaticOr<T[K]['body'], undefined>; query: StaticOr<T[K]['query'], Record<string, never>> };
  };
};

/** What route() gets for a route's body and query, from its entry's contract types. */
export type BodyOf<R extends RouteEntry> = NonNullable<R[typeof types]>['body'];
export type QueryOf<R extends RouteEntry> = NonNullable<R[typeof types]>['query'];

/**
 * The routes of one service, named by operation id (the key): what `npm run contract` generates
 * the route table, the validators and the OpenAPI document from. Handlers never load this at run
 * time; they import the generated table (routes.generated.js) and only types from here.
 */
export function defineRoutes<const T extends Record<string, RouteSpec>>(
  service: string,
  specs: T,
): { [K in keyof T]: RouteContract<T[K]> & { operationId: K & string } } {
  const routes: Record<string, RouteContract> = {};
  for (const [operationId, spec] of Object.entries(specs)) routes[operationId] = { ...spec, operationId, service };
  return routes as { [K in keyof T]: RouteContract<T[K]> & { operationId: K & string } };
}

export * from './schemas';
export * from './identity';
