/**
 * Every reply an integration test receives is checked against docs/openapi.json: the route is
 * found from the method and the concrete path (most specific template first: a literal segment
 * beats a `{param}`), the status must be one the route documents, and the body must match the
 * documented schema of that status (the ErrorReply of every 4xx/5xx). Called by test/support/http.ts
 * for every request (api() and the typed client), so no test can skip it.
 *
 * Schemas are compiled once per test process with Ajv's JSON Schema 2020-12 dialect (what OpenAPI
 * 3.1 uses) and the platform's formats (libs/src/formats): a reply whose date is not a real date
 * fails like a request would.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addFormats } from '../../libs/src/formats';
import { GATEWAY_MARK_HEADER } from '../../scripts/local/gateway';

type Json = Record<string, any>; // the OpenAPI document, read as JSON

const DOCUMENT_ID = 'openapi.json';

interface Template {
  path: string;
  segments: string[];
}

interface Checker {
  doc: Json;
  ajv: Ajv2020;
  templates: Template[];
  compiled: Map<string, ValidateFunction>;
}

let checker: Checker | undefined;

function load(): Checker {
  if (checker) return checker;
  const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8')) as Json;
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  // The whole document under one id: a response schema is compiled from its JSON pointer, and its
  // $refs (#/components/schemas/...) resolve inside the same document.
  ajv.addSchema({ ...doc, $id: DOCUMENT_ID });
  const templates = Object.keys(doc.paths).map((path) => ({ path, segments: path.split('/').slice(1) }));
  checker = { doc, ajv, templates, compiled: new Map() };
  return checker;
}

const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

/** The document's path for a concrete one: /users/me -> /users/me, /users/01J... -> /users/{userId}. */
export function templateOf(concretePath: string, templates: Template[] = load().templates): string | undefined {
  const segments = concretePath.split('?')[0].split('/').slice(1);
  const candidates = templates.filter(
    (t) => t.segments.length === segments.length && t.segments.every((s, i) => (isParam(s) ? segments[i] !== '' : s === segments[i])),
  );
  // Most specific first: compare segment by segment, a literal before a parameter.
  candidates.sort((a, b) => {
    for (let i = 0; i < a.segments.length; i++) {
      const d = Number(isParam(a.segments[i])) - Number(isParam(b.segments[i]));
      if (d !== 0) return d;
    }
    return 0;
  });
  return candidates[0]?.path;
}

const pointer = (...parts: string[]) => `${DOCUMENT_ID}#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

function validator(key: string, ref: string): ValidateFunction {
  const c = load();
  let v = c.compiled.get(key);
  if (!v) {
    v = c.ajv.compile({ $ref: ref });
    c.compiled.set(key, v);
  }
  return v;
}

export interface ReplyToCheck {
  method: string;
  /** as requested: '/users/01J...?limit=5' */
  path: string;
  status: number;
  headers: Record<string, string>;
  /** parsed JSON, or the text ('' when empty) */
  body: unknown;
}

/** Throws a clear error when the reply is not what docs/openapi.json says the route answers. */
export function checkReply(reply: ReplyToCheck): void {
  const method = reply.method.toLowerCase();
  // A CORS preflight is not an operation of the API: the document has no OPTIONS routes (the
  // platform answers them all alike, tested in test/integration/http-conventions.test.ts).
  if (method === 'options') return;
  const c = load();
  const template = templateOf(reply.path, c.templates);
  const operation = template ? (c.doc.paths[template]?.[method] as Json | undefined) : undefined;
  const where = `${reply.method.toUpperCase()} ${reply.path}${template && template !== reply.path.split('?')[0] ? ` (${template})` : ''} -> ${reply.status}`;
  const fail = (why: string): never => {
    throw new Error(`Reply not as docs/openapi.json documents it: ${where}: ${why}\nbody: ${JSON.stringify(reply.body)?.slice(0, 2000)}`);
  };
  const errorShape = (what: string) => {
    const v = validator('ErrorReply', pointer('components', 'schemas', 'ErrorReply'));
    if (!v(reply.body)) fail(`${what} is not the ErrorReply shape: ${c.ajv.errorsText(v.errors)}`);
  };

  // The local gateway's own answers (a route nobody serves, a service not running), marked with
  // its header, and any request for a route the document does not have: what API Gateway answers
  // on AWS, in the platform's error shape (config/gateway-responses.js).
  if (reply.headers[GATEWAY_MARK_HEADER] || !operation) {
    if (reply.status < 400) fail(operation ? 'a success from the gateway itself' : `no route ${method.toUpperCase()} ${reply.path} in the document`);
    errorShape("the gateway's reply");
    return;
  }

  const documented = Object.keys(operation.responses as Json);
  let response = (operation.responses as Json)[String(reply.status)] as Json | undefined;
  if (!response) fail(`status ${reply.status} is not documented for ${method.toUpperCase()} ${template} (documented: ${documented.join(', ')})`);
  let responsePointer = pointer('paths', template as string, method, 'responses', String(reply.status));
  if (typeof response?.$ref === 'string') {
    const name = response.$ref.split('/').pop() as string;
    response = c.doc.components.responses[name] as Json;
    responsePointer = pointer('components', 'responses', name);
  }
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) {
    if (reply.body !== '' && reply.body !== undefined) fail('the documented reply has no body, this one has');
    return;
  }
  if (typeof reply.body === 'string') fail(`the documented reply is JSON, this one is ${reply.body === '' ? 'empty' : 'text'}`);
  const v = validator(`${responsePointer}`, `${responsePointer}/content/application~1json/schema`);
  const named = typeof schema.$ref === 'string' ? ` (${schema.$ref.split('/').pop()})` : '';
  if (!v(reply.body)) fail(`the body does not match the documented schema${named}: ${c.ajv.errorsText(v.errors, { separator: '; ' })}`);
}
