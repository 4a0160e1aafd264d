/**
 * docs/openapi.json is a valid OpenAPI 3.1 document (Redocly's linter, recommended rules, no
 * error), names exactly the routes the services deploy, and says what the conventions promise.
 * The staleness test (generated.test.ts) proves it is what the contracts give.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_BODY_BYTES } from '../../libs/src/http/body';
import { serviceNames, REPO_ROOT } from '../../scripts/contract/load';
import { MAX_BODY_BYTES as DOCUMENTED_MAX_BODY_BYTES } from '../../scripts/contract/openapi';

const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'openapi.json'), 'utf8'));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations: Array<{ method: string; path: string; op: any }> = Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
);

it('passes Redocly lint (recommended rules) with no error', () => {
  const run = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/contract/lint.ts'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  let problems: Array<{ severity: string; rule: string; message: string; pointer?: string }>;
  try {
    problems = JSON.parse(run.stdout);
  } catch {
    throw new Error(`the linter did not run: ${run.stderr || run.error}`);
  }
  const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.rule}: ${p.message} at ${p.pointer}`);
  expect(errors).toEqual([]);
}, 130_000);

it('names exactly the HTTP routes of every services/*/serverless.ts (OPTIONS preflights aside)', async () => {
  // serverless.ts of a service owning tables asks whether DynamoDB Local runs unless the platform says it does.
  process.env.DYNAMODB_LOCAL = 'platform';
  const deployed: string[] = [];
  for (const service of serviceNames()) {
    const config = await (require(join(REPO_ROOT, 'services', service, 'serverless.ts')) as Promise<{ functions?: Record<string, { events: any[] }> }>);
    for (const fn of Object.values(config.functions ?? {})) {
      for (const event of fn.events ?? []) {
        if (event.http && event.http.method !== 'options') deployed.push(`${event.http.method.toUpperCase()} ${event.http.path}`);
      }
    }
  }
  const documented = operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`);
  expect(documented.sort()).toEqual(deployed.sort());
});

it('documents the body limit the stack enforces', () => {
  expect(DOCUMENTED_MAX_BODY_BYTES).toBe(MAX_BODY_BYTES);
});

describe('every operation', () => {
  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]))('%s: security, errors, parameters', (_name, { path, op }) => {
    const authenticated = op.security.length > 0;
    expect(op.security).toEqual(authenticated ? [{ bearerAuth: [] }] : []);
    expect(op.tags).toEqual([path.split('/')[1]]);
    const statuses = Object.keys(op.responses);
    if (authenticated) expect(statuses).toContain('401');
    if (op['x-roles']) expect(statuses).toContain('403');
    if (op.requestBody) expect(statuses).toEqual(expect.arrayContaining(['400', '413', '415']));
    if (path.includes('{')) expect(statuses).toContain('404');
    for (const status of statuses.filter((s) => Number(s) >= 400)) expect(op.responses[status].$ref).toMatch(/^#\/components\/responses\//);
    for (const status of statuses.filter((s) => s === '204')) expect(op.responses[status].content).toBeUndefined();
    const pathParams = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
    expect(pathParams).toEqual([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
  });
});

it('lists are paginated: limit and cursor in, nextCursor out', () => {
  const lists = operations.filter(({ op }) => (op.parameters ?? []).some((p: any) => p.name === 'cursor'));
  expect(lists.length).toBeGreaterThan(0);
  for (const { op } of lists) {
    expect((op.parameters as any[]).find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    const reply = op.responses['200'].content['application/json'].schema;
    const schema = reply.$ref ? doc.components.schemas[reply.$ref.split('/').pop()] : reply;
    expect(schema.properties.nextCursor).toBeDefined();
  }
});

it('carries the error shape, bearer security and the Idempotency-Key header as components', () => {
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  expect(doc.components.schemas.ErrorReply.required).toEqual(['error', 'requestId']);
  expect(doc.components.schemas.Money.properties.amount.type).toBe('integer');
  expect(doc.components.responses.BadRequest.content['application/json'].examples.VALIDATION_FAILED).toBeDefined();
  const keyed = operations.filter(({ op }) => (op.parameters ?? []).some((p: any) => String(p.$ref).includes('IdempotencyKey')));
  expect(keyed.length).toBeGreaterThan(0);
  expect(doc.components.parameters.IdempotencyKeyRequired ?? doc.components.parameters.IdempotencyKeyOptional).toMatchObject({
    in: 'header',
    name: 'Idempotency-Key',
  });
});
