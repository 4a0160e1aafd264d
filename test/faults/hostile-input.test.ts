/**
 * Generated hostile input (fast-check) for every body schema and every query schema of every
 * route in docs/openapi.json (which the contracts generate), sent to the route's real handler as
 * an API Gateway event by a caller holding every role: wrong types, extremes, deep nesting, huge
 * strings, lone surrogates, control characters, prototype keys. Every reply is a 4xx in the error
 * shape (a value that breaks the field's schema: a 400 naming that field), and nothing is written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { REPO_ROOT } from '../../scripts/local/services';
import {
  type Caller,
  caller,
  captureLogs,
  Dynamo,
  expectErrorShape,
  freePort,
  type Handler,
  handlerOf,
  invoke,
  platformEnvironment,
  type Reply,
  unhandledErrors,
} from './support/components';

interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  $ref?: string;
}

interface Operation {
  operationId: string;
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
}

const openapi = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(openapi.components.schemas[schema.$ref.replace('#/components/schemas/', '')]) : schema);

/** METHOD /path -> [service, handler file], from each service's serverless.ts (`src/handlers/<file>.handler` then its `http`). */
function handlerFiles(): Map<string, [string, string]> {
  const found = new Map<string, [string, string]>();
  for (const service of readdirSync(join(REPO_ROOT, 'services'))) {
    let text: string;
    try {
      text = readFileSync(join(REPO_ROOT, 'services', service, 'serverless.ts'), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/src\/handlers\/([\w-]+)\.handler(?:(?!src\/handlers\/)[\s\S])*?'(GET|POST|PUT|PATCH|DELETE) (\/[^']*)'/g)) {
      found.set(`${m[2]} ${m[3]}`, [service, m[1]]);
    }
  }
  return found;
}

interface Target {
  name: string;
  method: string;
  path: string;
  handler: Handler;
  body?: Schema;
  query: { name: string; schema: Schema }[];
}

// ---------------------------------------------------------------- values that break a schema

const CONTROL = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u000b');
const LONE = fc.constantFrom('\ud800', '\udfff', '\udbff');
/** Text with a control character (not tab, not newline) or an unpaired surrogate somewhere in it. */
const poisonedText = fc.tuple(fc.string({ maxLength: 20 }), fc.oneof(CONTROL, LONE), fc.string({ maxLength: 20 })).map(([a, bad, b]) => `${a}${bad}${b}`);

const typesOf = (s: Schema): Set<string> => {
  const r = resolve(s);
  if (r.anyOf) return new Set(r.anyOf.flatMap((x) => [...typesOf(x)]));
  if (r.const !== undefined) return new Set([r.const === null ? 'null' : typeof r.const]);
  const t = Array.isArray(r.type) ? r.type : r.type ? [r.type] : [];
  return new Set(t.map((x) => (x === 'integer' ? 'number' : x)));
};

/** A JSON value of a type the schema does not allow: always a 400 naming the field. */
function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const allowed = typesOf(schema);
  const byType: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 30 }),
    number: fc.oneof(fc.integer(), fc.constantFrom(1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2)),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 4 }),
    object: fc.dictionary(fc.constantFrom('a', 'b', 'amount', 'currency'), fc.integer(), { maxKeys: 3 }),
  };
  return fc.oneof(
    ...Object.entries(byType)
      .filter(([t]) => !allowed.has(t))
      .map(([, arb]) => arb),
  );
}

/** Values of the right type that break the schema anyway (format, pattern, enum, length, range), or text no field may hold. */
function brokenValue(schema: Schema, key: string): fc.Arbitrary<unknown>[] {
  const r = resolve(schema);
  const out: fc.Arbitrary<unknown>[] = [];
  const variants = r.anyOf ? r.anyOf.map(resolve) : [r];
  const stringy = variants.filter((v) => v.type === 'string' || typeof v.const === 'string');
  const onlyStrings = stringy.length === variants.length;
  if (stringy.length && onlyStrings) {
    if (!/password/i.test(key)) out.push(poisonedText); // passwords are kept as sent, byte for byte
    const constrained = stringy.every((v) => v.format || v.pattern || v.const !== undefined || v.enum);
    if (constrained) out.push(fc.string({ maxLength: 12 }).map((s) => `~${s}\u00e9!`)); // no format, pattern or enum here admits "~...é!"
    const max = Math.max(...stringy.map((v) => v.maxLength ?? Number.POSITIVE_INFINITY));
    if (Number.isFinite(max)) out.push(fc.integer({ min: 1, max: 40 }).map((n) => 'x'.repeat(max + n)));
  }
  const numeric = variants.filter((v) => v.type === 'integer' || v.type === 'number');
  if (numeric.length && numeric.length === variants.length) {
    const ints = numeric.every((v) => v.type === 'integer');
    if (ints) out.push(fc.constantFrom(1.5, -0.25, 3.000001));
    const min = Math.min(...numeric.map((v) => v.minimum ?? Number.NEGATIVE_INFINITY));
    const maxN = Math.max(...numeric.map((v) => v.maximum ?? Number.POSITIVE_INFINITY));
    if (Number.isFinite(min)) out.push(fc.integer({ min: 1, max: 1000 }).map((n) => min - n));
    if (Number.isFinite(maxN)) out.push(fc.constantFrom(maxN + 1, 1e308));
  }
  return out;
}

const hostileFor = (schema: Schema, key: string) => fc.oneof(wrongType(schema), ...brokenValue(schema, key));

/** Text that nests arrays/objects deeper than the 32 levels allowed. */
const deepJson = fc
  .tuple(fc.integer({ min: 33, max: 400 }), fc.boolean())
  .map(([depth, objects]) => (objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`));

/** Whole bodies no route accepts: not an object, too deep, too big, prototype keys, unknown keys. */
const hostileBody: fc.Arbitrary<{ raw: string; field?: string }> = fc.oneof(
  fc
    .oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 20 }), fc.boolean(), fc.array(fc.integer(), { maxLength: 5 }))
    .map((v) => ({ raw: JSON.stringify(v) })),
  deepJson.map((raw) => ({ raw })),
  fc.integer({ min: 65 * 1024, max: 80 * 1024 }).map((n) => ({ raw: JSON.stringify({ name: 'x'.repeat(n) }) })),
  fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}', '{"a":{"__proto__":{"x":1}}}').map((raw) => ({ raw })),
  fc.constantFrom('constructor', 'prototype', 'toString', 'hasOwnProperty').map((field) => ({ raw: JSON.stringify({ [field]: 'x' }), field })),
  fc.constantFrom('{', '{"a":', '[1,]', 'undefined', "{'a':1}", '\u0000').map((raw) => ({ raw })),
);

// ---------------------------------------------------------------- the run

let dynamo: Dynamo;
let everyone: Caller;
let logs: ReturnType<typeof captureLogs>;
const targets: Target[] = [];
let before: Record<string, string[]>;

beforeAll(async () => {
  logs = captureLogs();
  dynamo = Dynamo.spawned(await freePort()); // boots while the handlers load
  await platformEnvironment({ dynamo });
  everyone = await caller(['loan_officer', 'accountant', 'admin']);
  const files = handlerFiles();
  for (const [path, ops] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema }));
      const body = op.requestBody?.content['application/json']?.schema;
      if (!body && !query.length) continue;
      const file = files.get(`${method.toUpperCase()} ${path}`);
      if (!file) throw new Error(`no handler found in services/*/serverless.ts for ${method.toUpperCase()} ${path}`);
      targets.push({
        name: `${method.toUpperCase()} ${path} (${op.operationId})`,
        method: method.toUpperCase(),
        path,
        handler: handlerOf(...file),
        body,
        query,
      });
    }
  }
  await dynamo.prepared();
  before = await dynamo.snapshot();
}, 120_000);

afterAll(async () => {
  logs.restore();
  await dynamo?.stop();
});

const call = (t: Target, extra: { raw?: string; query?: Record<string, string> }): Promise<Reply> => {
  const pathParameters = Object.fromEntries([...t.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], ulid()]));
  return invoke(t.handler, {
    method: t.method,
    resource: t.path,
    pathParameters,
    rawBody: extra.raw,
    query: extra.query,
    headers: { 'Idempotency-Key': `hostile-${ulid()}` },
    as: everyone,
  });
};

/** A 4xx in the error shape; when the value broke one field's schema, a 400 or 413 naming that field. */
function expectRefused(reply: Reply, field?: string): void {
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  const body = expectErrorShape(reply);
  if (field === undefined || reply.status === 413) return;
  expect(reply.status).toBe(400);
  const fields = (body.error.details ?? []).map((d) => d.field ?? '');
  expect(fields.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
}

const RUNS = 40;

describe('generated hostile input on every route', () => {
  it('covers every body and query schema of the API description', () => {
    expect(targets.filter((t) => t.body).length).toBeGreaterThanOrEqual(25);
    expect(targets.filter((t) => t.query.length).length).toBeGreaterThanOrEqual(8);
  });

  it('refuses hostile whole bodies with a 4xx in the error shape', async () => {
    for (const t of targets.filter((x) => x.body)) {
      await fc.assert(
        fc.asyncProperty(hostileBody, async ({ raw, field }) => expectRefused(await call(t, { raw }), field)),
        { numRuns: RUNS, seed: 20261201 },
      );
    }
  }, 60_000);

  it('refuses a body field set to a value its schema forbids, naming the field', async () => {
    for (const t of targets.filter((x) => x.body)) {
      const properties = Object.entries(resolve(t.body as Schema).properties ?? {});
      if (!properties.length) continue;
      const field = fc.constantFrom(...properties).chain(([name, schema]) => hostileFor(schema, name).map((value) => ({ name, value })));
      await fc.assert(
        fc.asyncProperty(field, async ({ name, value }) => expectRefused(await call(t, { raw: JSON.stringify({ [name]: value }) }), name)),
        { numRuns: RUNS, seed: 20261202 },
      );
    }
  }, 60_000);

  it('refuses a query parameter its schema forbids, and unknown or prototype parameters', async () => {
    for (const t of targets.filter((x) => x.query.length)) {
      const bad = fc.oneof(
        fc
          .constantFrom(...t.query)
          .chain(({ name, schema }) => fc.oneof(...brokenValue(schema, name)).map((v) => ({ name, value: typeof v === 'string' ? v : String(v) }))),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'sort').map((name) => ({ name, value: 'x' })),
      );
      await fc.assert(
        fc.asyncProperty(bad, async ({ name, value }) => {
          const reply = await call(t, { query: { [name]: value } });
          expectRefused(reply, name === 'cursor' ? undefined : name); // a cursor's schema is loose: a bad one is 400 INVALID_CURSOR
        }),
        { numRuns: RUNS, seed: 20261203 },
      );
    }
  }, 60_000);

  it('changed nothing, and no request fell through to a 500', async () => {
    expect(await dynamo.snapshot()).toEqual(before);
    expect(unhandledErrors(logs.lines())).toEqual([]);
  });
});
