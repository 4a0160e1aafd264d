/**
 * The API contract of a route, declared once beside it (services/<name>/src/contract.ts) with
 * TypeBox schemas. From it come: the request validators (Ajv standalone code, generated at build
 * time by `npm run contract` into services/<name>/src/validators.generated.js, so no schema is
 * compiled during a cold start), the TypeScript types of body, query and reply (Static<...>), and
 * the OpenAPI document (docs/openapi.json). Nothing is written twice.
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

/** validators.generated.js: `<operationId>Body` and `<operationId>Query` for every route that has them. */
export type GeneratedValidators = Record<string, CompiledValidator | undefined>;

export type RouteContract<S extends RouteSpec = RouteSpec> = S & {
  operationId: string;
  service: string;
  validators: { body?: CompiledValidator; query?: CompiledValidator };
};

/** What route() needs to know that it was given a contract (a light constraint: deep TypeBox types make a full one slow). */
export type ContractRef = Pick<RouteContract, 'operationId' | 'service' | 'validators'> &
  Omit<RouteSpec, 'body' | 'query' | 'params' | 'responses'> & { body?: unknown; query?: unknown };

type StaticOr<T, Else> = T extends TSchema ? Static<T> : Else;
export type BodyOf<S extends { body?: unknown }> = StaticOr<S['body'], undefined>;
export type QueryOf<S extends { query?: unknown }> = StaticOr<S['query'], Record<string, never>>;
export type ReplyOf<S extends RouteSpec, Status extends SuccessStatus = 200> = StaticOr<S['responses'][Status], undefined>;

/**
 * The routes of one service, named by operation id (the key). `generated` is the service's
 * validators.generated.js; a route with a body or query schema and no generated validator is a
 * stale build (`npm run contract`), reported when the handler module loads.
 */
export function defineRoutes<const T extends Record<string, RouteSpec>>(
  service: string,
  generated: GeneratedValidators,
  specs: T,
): { [K in keyof T]: RouteContract<T[K]> & { operationId: K & string } } {
  const routes: Record<string, RouteContract> = {};
  for (const [operationId, spec] of Object.entries(specs)) {
    routes[operationId] = {
      ...spec,
      operationId,
      service,
      validators: { body: generated[`${operationId}Body`], query: generated[`${operationId}Query`] },
    };
  }
  return routes as { [K in keyof T]: RouteContract<T[K]> & { operationId: K & string } };
}

export * from './schemas';
export * from './identity';
