/**
 * docs/openapi.json: OpenAPI 3.1 for every route of every service, from the contracts
 * (services/<name>/src/contract.ts). TypeBox schemas are JSON Schema (2020-12 compatible for what
 * the contracts use), so they go in as they are, minus TypeBox's symbol keys; object schemas that
 * libs/src/contract, a product package or a contract module exports by name (Money, ErrorReply,
 * PublicUser, GiftReply, Loan...) become components and are referenced wherever an identical
 * schema appears.
 *
 * Deterministic: services in the platform's order, paths sorted, methods in a fixed order, schema
 * keys in the order TypeBox writes them; the same contracts always give the same bytes.
 */
import type { RouteContract, RouteSpec } from '../../libs/src/contract';
import * as contractLib from '../../libs/src/contract';
import type { ServiceContract } from './load';
import { plain } from './route-table';

type Json = Record<string, unknown>;

/**
 * libs/src/http/body.ts MAX_BODY_BYTES (not imported: that module loads Middy, ESM-only, which tsx
 * cannot require; test/contract/openapi.test.ts checks the two agree).
 */
export const MAX_BODY_BYTES = 64 * 1024;

export const OPENAPI_VERSION = '3.1.0';

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'] as const;

const SERVICE_DESCRIPTIONS: Record<string, string> = {
  auth: 'Accounts and sessions: register, login, refresh, logout, password, the public keys of the tokens',
  users: 'Profiles, and the admin routes: list, create staff, roles, disable',
  contacts: 'Gift Tracker: the people one gives gifts to',
  events: 'Gift Tracker: occasions (birthdays, weddings...), upcoming ones, budgets and summaries',
  gifts: 'Gift Tracker: gifts planned, given and received',
  images: 'Gift Tracker: gift photos (upload through a presigned POST, then confirm)',
  loans: 'Skycap Loans: applications, approval, disbursement, schedules, statements, statistics',
  repayments: 'Skycap Loans: repayments recorded against a loan, and their reversal',
};

const INFO_DESCRIPTION = `The HTTP API of the Gift Tracker and Skycap Loans platform, generated from the route contracts
(\`services/<name>/src/contract.ts\`) by \`npm run contract\`. docs/api.md explains the conventions at more length.

- **Authentication**: \`Authorization: Bearer <accessToken>\` (a JWT from \`POST /auth/register\`, \`/auth/login\` or
  \`/auth/refresh\`; it lives 15 minutes, the refresh token is single use). Routes marked without security are public.
- **Roles**: \`user\` (everyone), \`loan_officer\`, \`accountant\`, \`admin\`. A route listing roles answers 403 to a caller
  holding none of them. Items that belong to another user answer 404, as if they did not exist.
- **Order of checks**: who first, then what: 401, 403, then 413 (body over ${MAX_BODY_BYTES / 1024} KiB), 415 (not JSON),
  400 (malformed JSON, then the schema: every wrong field is named in \`details\`).
- **Errors**: always \`{"error": {"code", "message", "details"?}, "requestId"}\` (the ErrorReply schema); \`code\` is a
  stable UPPER_SNAKE string to switch on; \`requestId\` equals the \`x-request-id\` reply header (send your own
  \`x-request-id\` to choose it). 429 and 503 carry \`Retry-After\` (seconds).
- **Pagination**: lists take \`?limit=\` (1-100, default 20) and \`?cursor=\` and answer \`{"items": [...],
  "nextCursor": "..." | null}\`; pass \`nextCursor\` back as \`cursor\` for the next page, \`null\` means the last page.
- **Idempotency**: routes with an \`Idempotency-Key\` header parameter replay the first reply for a key (per user);
  the same key with another body is 422 IDEMPOTENCY_KEY_REUSED. Where it is required, a request without it is 400
  IDEMPOTENCY_KEY_REQUIRED.
- **Money**: \`{"amount": <integer minor units>, "currency": "<ISO 4217>"}\`: 12345 USD is 123.45 USD. Never floats.
- **Dates**: calendar dates are \`YYYY-MM-DD\` (format \`date\`, a real date); instants are ISO 8601 UTC
  (\`2026-11-24T10:00:00.000Z\`, format \`date-time\`). Time zones are IANA names (format \`timezone\`). Ids are
  ULIDs (format \`ulid\`): a path id that is not one names nothing (404).
- **Versions**: items carry \`version\`; a write that sends a stale one is 409 VERSION_CONFLICT.
- **Rate limits**: the stage throttles requests (429 TOO_MANY_REQUESTS from the gateway); login locks an email for
  15 minutes after 5 failures (429 TOO_MANY_ATTEMPTS).
- **Unknown fields** in a body are refused (400); strings are trimmed before validation (passwords excepted).`;

const ERROR_SCHEMA_REF = { $ref: '#/components/schemas/ErrorReply' };

const example = (code: string, message: string, details?: Array<{ field: string; message: string }>) => ({
  value: { error: { code, message, ...(details ? { details } : {}) }, requestId: '3f1c9a52-6f0e-4a53-9a57-2d1f5b0c8e11' },
});

const RETRY_AFTER = { description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } };

/** The error replies, one component per status, with the codes a client meets. */
const ERROR_RESPONSES: Record<number, { name: string; description: string; examples: Record<string, Json>; headers?: Json }> = {
  400: {
    name: 'BadRequest',
    description:
      'The request is not valid: the body or query fails its schema (details name each field), the JSON is malformed, or a required Idempotency-Key is missing',
    examples: {
      VALIDATION_FAILED: example('VALIDATION_FAILED', 'The request body is not valid', [{ field: 'name', message: 'is required' }]),
      INVALID_JSON: example('INVALID_JSON', 'The body is not valid JSON', [{ field: '(body)', message: 'is not valid JSON' }]),
      IDEMPOTENCY_KEY_REQUIRED: example('IDEMPOTENCY_KEY_REQUIRED', 'This request needs an Idempotency-Key header'),
      INVALID_CURSOR: example('INVALID_CURSOR', 'The cursor is not valid'),
    },
  },
  401: {
    name: 'Unauthorized',
    description: 'No valid access token (missing, malformed, expired, or its account is disabled)',
    examples: {
      UNAUTHORIZED: example('UNAUTHORIZED', 'Send a valid access token: Authorization: Bearer <token> (sign in or refresh it)'),
      ACCOUNT_DISABLED: example('ACCOUNT_DISABLED', 'This account is disabled'),
    },
  },
  403: {
    name: 'Forbidden',
    description: "The caller holds none of the route's roles",
    examples: { FORBIDDEN: example('FORBIDDEN', 'This needs one of the roles: admin') },
  },
  404: {
    name: 'NotFound',
    description: 'No such item, or not one the caller may see (existence does not leak)',
    examples: { NOT_FOUND: example('NOT_FOUND', 'Loan not found') },
  },
  409: {
    name: 'Conflict',
    description: 'The item changed since it was read (a stale version), or the change conflicts with its state',
    examples: {
      VERSION_CONFLICT: example('VERSION_CONFLICT', 'The item was changed by someone else; read it again'),
      CONFLICT: example('CONFLICT', 'The request conflicts with the current state'),
    },
  },
  413: {
    name: 'PayloadTooLarge',
    description: `The body is over ${MAX_BODY_BYTES / 1024} KiB`,
    examples: { PAYLOAD_TOO_LARGE: example('PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`) },
  },
  415: {
    name: 'UnsupportedMediaType',
    description: 'The body is not sent as application/json',
    examples: { UNSUPPORTED_MEDIA_TYPE: example('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json') },
  },
  422: {
    name: 'BusinessRule',
    description: 'A business rule refuses the request (the code says which), or an Idempotency-Key was reused with another body',
    examples: {
      BUSINESS_RULE: example('BUSINESS_RULE', 'The request breaks a business rule'),
      IDEMPOTENCY_KEY_REUSED: example('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request'),
    },
  },
  429: {
    name: 'TooManyRequests',
    description: 'Too many requests: wait Retry-After seconds',
    examples: {
      TOO_MANY_REQUESTS: example('TOO_MANY_REQUESTS', 'Too many requests'),
      TOO_MANY_ATTEMPTS: example('TOO_MANY_ATTEMPTS', 'Too many failed attempts; try again later'),
    },
    headers: { 'Retry-After': RETRY_AFTER },
  },
  503: {
    name: 'ServiceUnavailable',
    description: 'A dependency (the database) is unavailable or throttled: try again after Retry-After seconds',
    examples: { SERVICE_UNAVAILABLE: example('SERVICE_UNAVAILABLE', 'A dependency is unavailable, try again shortly') },
    headers: { 'Retry-After': RETRY_AFTER },
  },
};

/** The error statuses an operation documents: what its declaration implies, plus what it declares. */
export function errorStatuses(spec: RouteSpec): number[] {
  const statuses = new Set<number>(spec.errors ?? []);
  // Path parameters are not validated (a path id that is not a ULID names nothing: 404).
  if (spec.body || spec.query || spec.idempotency) statuses.add(400);
  if (spec.auth !== false) statuses.add(401);
  if (spec.roles?.length) statuses.add(403);
  if (/\{[^}]+\}/.test(spec.path)) statuses.add(404);
  if (spec.body) {
    statuses.add(413);
    statuses.add(415);
  }
  if (spec.idempotency) statuses.add(422); // the same key with another body
  return [...statuses].sort((a, b) => a - b);
}

// ---- schemas and components ----------------------------------------------------------------

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with sorted keys: the identity of a schema, for matching. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const isObjectSchema = (v: unknown): v is Json => isObject(v) && v.type === 'object' && isObject(v.properties);

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SCHEMA_ONES = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];

/** Named schemas lifted into components.schemas, referenced by $ref wherever an identical one appears. */
class Components {
  readonly schemas = new Map<string, Json>();
  private readonly byKey = new Map<string, string>();

  /** Registers the object schemas a module exports by name (first come, first named). */
  register(exports: Record<string, unknown>, prefix: string): void {
    for (const [name, value] of Object.entries(exports)) {
      if (!/^[A-Z]/.test(name) || !isObjectSchema(value)) continue;
      const schema = plain(value);
      const key = canonical(schema);
      if (this.byKey.has(key)) continue;
      const taken = this.schemas.has(name);
      const finalName = taken ? `${prefix}${name}` : name;
      if (this.schemas.has(finalName)) throw new Error(`two schemas named ${finalName}: rename one`);
      this.byKey.set(key, finalName);
      this.schemas.set(finalName, schema);
    }
  }

  /** The components, their inner schemas referenced too, in name order. */
  finish(): Record<string, Json> {
    const out: Record<string, Json> = {};
    // A component's own definition refers to the others, never to itself.
    for (const name of [...this.schemas.keys()]) this.schemas.set(name, this.children(this.schemas.get(name) as Json));
    for (const name of [...this.schemas.keys()].sort()) out[name] = this.schemas.get(name) as Json;
    return out;
  }

  /** A schema with every named sub-schema replaced by its $ref (and pages of a named item named `<Item>Page`). */
  ref(schema: unknown): unknown {
    if (!isObject(schema)) return schema;
    const name = this.byKey.get(canonical(schema));
    if (name) return { $ref: `#/components/schemas/${name}` };
    const out = this.children(schema);
    return this.page(out) ?? out;
  }

  private children(schema: Json): Json {
    const out: Json = {};
    for (const [k, v] of Object.entries(schema)) {
      if (SCHEMA_MAPS.includes(k) && isObject(v)) out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, this.ref(s)]));
      else if (SCHEMA_LISTS.includes(k) && Array.isArray(v)) out[k] = v.map((s) => this.ref(s));
      else if (SCHEMA_ONES.includes(k) && isObject(v)) out[k] = this.ref(v);
      else out[k] = v;
    }
    return out;
  }

  /** {items: [<Named>], nextCursor} -> the component <Named>Page. */
  private page(schema: Json): Json | undefined {
    if (!isObjectSchema(schema)) return undefined;
    const props = schema.properties as Json;
    const keys = Object.keys(props).sort().join(',');
    const items = props.items as Json | undefined;
    const ref = isObject(items) && isObject(items.items) ? (items.items.$ref as string | undefined) : undefined;
    if (keys !== 'items,nextCursor' || !ref) return undefined;
    const name = `${ref.split('/').pop()}Page`;
    const existing = this.schemas.get(name);
    if (existing && canonical(existing) !== canonical(schema)) return undefined;
    if (!existing) {
      this.schemas.set(name, {
        ...schema,
        description: `a page of ${ref.split('/').pop()}: pass nextCursor as ?cursor= for the next one (null: the last page)`,
      });
      this.byKey.set(canonical(schema), name);
    }
    return { $ref: `#/components/schemas/${name}` };
  }
}

// ---- operations ------------------------------------------------------------------------------

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No content' };

function parameters(route: RouteContract, components: Components): Json[] {
  const out: Json[] = [];
  const params = route.params ? (plain(route.params) as Json) : undefined;
  const declared = (params?.properties ?? {}) as Record<string, Json>;
  for (const match of route.path.matchAll(/\{([^}]+)\}/g)) {
    const name = match[1];
    const schema = declared[name] ?? { type: 'string' };
    out.push({
      name,
      in: 'path',
      required: true,
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      schema: components.ref(schema),
    });
  }
  for (const name of Object.keys(declared)) {
    if (!route.path.includes(`{${name}}`)) throw new Error(`${route.service}.${route.operationId}: params.${name} is not in the path ${route.path}`);
  }
  if (route.query) {
    const query = plain(route.query) as Json;
    const required = (query.required ?? []) as string[];
    for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, Json>)) {
      out.push({
        name,
        in: 'query',
        required: required.includes(name),
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        schema: components.ref(schema),
      });
    }
  }
  if (route.idempotency) out.push({ $ref: `#/components/parameters/IdempotencyKey${route.idempotency === 'required' ? 'Required' : 'Optional'}` });
  return out;
}

function operation(route: RouteContract, components: Components): Json {
  const notes: string[] = [];
  if (route.description) notes.push(route.description);
  if (route.roles?.length) notes.push(`Roles: ${route.roles.map((r) => `\`${r}\``).join(', ')} (any one).`);
  if (route.idempotency === 'required') notes.push('Idempotency-Key: required.');
  if (route.idempotency === 'optional') notes.push('Idempotency-Key: honoured when sent.');
  if (route.auth === false) notes.push('Public: no token needed.');
  const op: Json = {
    operationId: route.operationId,
    summary: route.summary,
    ...(notes.length ? { description: notes.join('\n\n') } : {}),
    tags: [route.service],
    security: route.auth === false ? [] : [{ bearerAuth: [] }],
  };
  if (route.roles?.length) op['x-roles'] = [...route.roles];
  const params = parameters(route, components);
  if (params.length) op.parameters = params;
  if (route.body) {
    op.requestBody = { required: !route.bodyOptional, content: { 'application/json': { schema: components.ref(plain(route.body)) } } };
  }
  const responses: Json = {};
  for (const [status, schema] of Object.entries(route.responses) as Array<[string, unknown]>) {
    const text = STATUS_TEXT[Number(status)] ?? 'Success';
    responses[status] = schema ? { description: text, content: { 'application/json': { schema: components.ref(plain(schema)) } } } : { description: text };
  }
  for (const status of errorStatuses(route)) {
    const error = ERROR_RESPONSES[status];
    if (!error) throw new Error(`${route.service}.${route.operationId}: no error reply documented for ${status}`);
    responses[String(status)] = { $ref: `#/components/responses/${error.name}` };
  }
  op.responses = responses;
  return op;
}

/** The document. `version` is the platform's package version. */
/** Modules whose exported object schemas name components: `prefix` is put before a name another module took first. */
export interface NamedSchemas {
  prefix: string;
  exports: Record<string, unknown>;
}

/**
 * The document. `version` is the platform's package version; `named` are the modules whose
 * exported object schemas become components (libs/src/contract's always come first).
 */
export function openApiDocument(contracts: readonly ServiceContract[], version: string, named: readonly NamedSchemas[] = []): Json {
  const components = new Components();
  components.register(contractLib as unknown as Record<string, unknown>, '');
  for (const m of named) components.register(m.exports, m.prefix);

  const byPath = new Map<string, Map<string, Json>>();
  for (const c of contracts) {
    for (const r of c.routes) {
      const method = r.method.toLowerCase();
      const ops = byPath.get(r.path) ?? new Map<string, Json>();
      if (ops.has(method)) throw new Error(`${r.method} ${r.path} is declared twice`);
      ops.set(method, operation(r, components));
      byPath.set(r.path, ops);
    }
  }
  const paths: Json = {};
  for (const path of [...byPath.keys()].sort()) {
    const ops = byPath.get(path) as Map<string, Json>;
    paths[path] = Object.fromEntries(METHOD_ORDER.filter((m) => ops.has(m)).map((m) => [m, ops.get(m)]));
  }

  // Components the operations refer to, and only those (an unused one is noise to a reader).
  const used = new Set(JSON.stringify(paths).match(/#\/components\/(responses|parameters)\/\w+/g) ?? []);
  const responses: Json = {};
  for (const status of Object.keys(ERROR_RESPONSES).map(Number)) {
    const e = ERROR_RESPONSES[status];
    if (!used.has(`#/components/responses/${e.name}`)) continue;
    responses[e.name] = {
      description: e.description,
      ...(e.headers ? { headers: e.headers } : {}),
      content: { 'application/json': { schema: ERROR_SCHEMA_REF, examples: e.examples } },
    };
  }
  const idempotencyKey = (required: boolean) => ({
    name: 'Idempotency-Key',
    in: 'header',
    required,
    description: required
      ? 'Required: a key of your choosing (a UUID) per intended change; a retry with the same key and body replays the first reply.'
      : 'Optional: when sent, a retry with the same key and body replays the first reply.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
    example: '5d6b8a8e-2f9e-4a8f-9a1c-0f5e3e7c2b11',
  });

  const schemas = components.finish();
  if (!schemas.ErrorReply) throw new Error('libs/src/contract does not export ErrorReply');
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Gift Tracker + Skycap Loans API',
      version,
      description: INFO_DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'the same origin (locally the gateway, http://localhost:3000)' }],
    tags: contracts.map((c) => ({ name: c.service, ...(SERVICE_DESCRIPTIONS[c.service] ? { description: SERVICE_DESCRIPTIONS[c.service] } : {}) })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'the accessToken of POST /auth/login, /auth/register or /auth/refresh',
        },
      },
      parameters: Object.fromEntries(
        [
          ['IdempotencyKeyRequired', idempotencyKey(true)],
          ['IdempotencyKeyOptional', idempotencyKey(false)],
        ].filter(([name]) => used.has(`#/components/parameters/${name}`)),
      ),
      responses,
      schemas,
    },
  };
}

/** The committed form: two-space JSON and a final newline. */
export const documentText = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;
