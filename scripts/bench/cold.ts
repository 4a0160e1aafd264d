/**
 * Cold start: every function's packaged bundle (bundles.ts) required in a fresh `node` process; the
 * functions with an event also answer it (a real API Gateway REST event against the platform, or
 * the authorizer's TOKEN event); against a bare bundle that only builds a DynamoDB document
 * client. Time is measured inside the child from just before require() to the answer (Node's own
 * start-up is the same for both).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Bundle } from './bundles';

const run = promisify(execFile);

export interface ColdCase {
  name: string;
  bundle: Bundle;
  /** the request it answers; none: only require() is timed */
  event?: Record<string, unknown>;
}

export interface ColdResult {
  name: string;
  bytes: number;
  /** median ms: require() */
  requireMs: number;
  /** median ms: require() + the first answer (equal to requireMs when there is no event) */
  totalMs: number;
  answered: boolean;
  /** its answer makes DynamoDB calls (a route's answer; the bare GetItem bundle) */
  callsDynamoDb: boolean;
  status: number | string;
  top: Bundle['top'];
}

export const BARE_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT }));
export const handler = async () => ({ statusCode: doc ? 200 : 500, body: '{}' });
`;

/**
 * The same bare client answering with one GetItem: the reference for a route, whose first answer
 * includes its first DynamoDB round trip (connection, the SDK's first-call set-up) as every
 * data-reading handler's does; the no-call bare bundle is the reference for the rest (authorizers,
 * require alone).
 */
export const BARE_GET_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT }));
export const handler = async () => {
  await doc.send(new GetCommand({ TableName: process.env.TABLE_PREFIX + '-loans', Key: { pk: 'BENCH#none', sk: 'LOAN' } }));
  return { statusCode: 200, body: '{}' };
};
`;

let sequence = 0;

/** An API Gateway REST (v1) proxy event as serverless-offline / API Gateway deliver it. */
export function restEvent(o: {
  method: string;
  path: string;
  resource: string;
  token?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** what the authorizer handed over: { principalId, ...authorizerContext(principal) } */
  authorizer?: Record<string, string>;
}) {
  const headers: Record<string, string> = {
    host: 'localhost:3000',
    'user-agent': 'bench',
    accept: 'application/json',
    ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...o.headers,
  };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  sequence += 1;
  const requestId = `bench-${Date.now()}-${sequence}`;
  return {
    resource: o.resource,
    path: o.path,
    httpMethod: o.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: o.query ?? null,
    multiValueQueryStringParameters: o.query ? Object.fromEntries(Object.entries(o.query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: o.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      resourceId: 'bench',
      resourcePath: o.resource,
      httpMethod: o.method,
      path: `/local${o.path}`,
      stage: 'local',
      protocol: 'HTTP/1.1',
      domainName: 'localhost',
      requestId,
      extendedRequestId: requestId,
      requestTime: new Date().toUTCString(),
      requestTimeEpoch: Date.now(),
      identity: { sourceIp: '127.0.0.1', userAgent: 'bench' },
      authorizer: o.authorizer ?? null,
    },
    body: o.body === undefined ? null : JSON.stringify(o.body),
    isBase64Encoded: false,
  };
}

const CHILD = `
const { performance } = require('node:perf_hooks');
const [bundle, eventJson] = [process.argv[1], process.env.BENCH_EVENT];
const t0 = performance.now();
const mod = require(bundle);
const t1 = performance.now();
const context = { awsRequestId: 'bench', functionName: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '1024', callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 10000 };
Promise.resolve(mod.handler(JSON.parse(eventJson || '{}'), context)).then(
  (r) => { const t2 = performance.now(); process.stdout.write('\\n@@BENCH@@' + JSON.stringify({ requireMs: t1 - t0, totalMs: t2 - t0, status: r && (r.statusCode ?? (r.policyDocument ? 'Allow' : 'none')), body: r && r.statusCode >= 300 ? String(r.body).slice(0, 200) : undefined })); process.exit(0); },
  (e) => { process.stdout.write('\\n@@BENCH@@' + JSON.stringify({ error: String(e && e.stack || e) })); process.exit(1); });
`;

const CHILD_REQUIRE_ONLY = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const mod = require(process.argv[1]);
const t1 = performance.now();
process.stdout.write('\\n@@BENCH@@' + JSON.stringify({ requireMs: t1 - t0, totalMs: t1 - t0, status: typeof mod.handler === 'function' ? 'loaded' : 'no handler' }));
process.exit(0);
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * Every case `reps` times, round-robin: rep 1 of every case, then rep
 * 2 of every case, and so on, so a change of load during the minutes this takes falls on every
 * bundle alike, the bare references included (case by case, the bare bundles measured first
 * compared against functions measured under another load).
 */
export async function measureCold(cases: ColdCase[], env: Record<string, string>, reps: number, log: (s: string) => void): Promise<ColdResult[]> {
  type Run = { requireMs: number; totalMs: number; status: number | string };
  const runs = new Map<ColdCase, Run[]>(cases.map((c) => [c, []]));
  for (let i = 0; i < reps; i += 1) {
    for (const c of cases) {
      const { stdout } = await run(process.execPath, ['-e', c.event ? CHILD : CHILD_REQUIRE_ONLY, c.bundle.file], {
        env: { PATH: process.env.PATH ?? '', ...env, BENCH_EVENT: JSON.stringify(c.event ?? {}) },
        timeout: 60_000,
      }).catch((e: { stdout?: string; message: string }) => ({ stdout: e.stdout?.includes('@@BENCH@@') ? e.stdout : JSON.stringify({ error: e.message }) }));
      const marker = stdout.lastIndexOf('@@BENCH@@');
      const r = JSON.parse(marker >= 0 ? stdout.slice(marker + 9) : stdout);
      if (r.error) throw new Error(`cold ${c.name}: ${r.error}`);
      const previous = runs.get(c) ?? [];
      if (r.body && !previous.some((x) => x.status === r.status)) log(`  note: ${c.name} answered ${r.status}: ${r.body}`);
      previous.push(r);
    }
  }
  return cases.map((c) => {
    const done = runs.get(c) ?? [];
    return {
      name: c.name,
      bytes: c.bundle.bytes,
      requireMs: median(done.map((r) => r.requireMs)),
      totalMs: median(done.map((r) => r.totalMs)),
      answered: Boolean(c.event),
      callsDynamoDb: isRestEvent(c.event) || c.name === 'bare/get-item',
      status: done[done.length - 1].status,
      top: c.bundle.top,
    };
  });
}

/** An API Gateway request (a route's answer reads or writes DynamoDB), not an authorizer's TOKEN event. */
const isRestEvent = (event: ColdCase['event']): boolean => Boolean(event && 'httpMethod' in event);
