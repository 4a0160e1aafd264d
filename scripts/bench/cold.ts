/**
 * Cold start: a few handlers bundled the way serverless-esbuild packages them (config/service.ts:
 * bundle, minify, platform node, target node22, cjs, the AWS SDK bundled, tsconfig paths), each
 * required in a fresh `node` process that then answers one real API Gateway REST event; against a
 * bare bundle that only builds a DynamoDB document client. Time is measured inside the child from
 * just before require() to the handler's answer (Node's own start-up is the same for both).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);

export interface ColdCase {
  name: string;
  /** handler file relative to the repository root, or inline TypeScript for a bare bundle */
  entry: { file: string } | { source: string };
  event?: Record<string, unknown>;
}

export interface ColdResult {
  name: string;
  bytes: number;
  /** median ms: require() */
  requireMs: number;
  /** median ms: require() + the first answer */
  totalMs: number;
  status: number | string;
}

export const BARE_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT }));
export const handler = async () => ({ statusCode: doc ? 200 : 500, body: '{}' });
`;

/** The same bare client, plus one GetItem (informational: what the first SDK call itself costs). */
export const BARE_GET_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT }));
export const handler = async () => {
  await doc.send(new GetCommand({ TableName: process.env.TABLE_PREFIX + '-loans', Key: { pk: 'BENCH#none', sk: 'LOAN' } }));
  return { statusCode: 200, body: '{}' };
};
`;

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
}) {
  const headers: Record<string, string> = {
    host: 'localhost:3000',
    'user-agent': 'bench',
    accept: 'application/json',
    ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...o.headers,
  };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  const requestId = `bench-${Date.now()}`;
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
      authorizer: null,
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
  (r) => { const t2 = performance.now(); process.stdout.write('\\n@@BENCH@@' + JSON.stringify({ requireMs: t1 - t0, totalMs: t2 - t0, status: r && r.statusCode, body: r && r.statusCode >= 300 ? String(r.body).slice(0, 200) : undefined })); process.exit(0); },
  (e) => { process.stdout.write('\\n@@BENCH@@' + JSON.stringify({ error: String(e && e.stack || e) })); process.exit(1); });
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function measureCold(root: string, cases: ColdCase[], env: Record<string, string>, reps: number, log: (s: string) => void): Promise<ColdResult[]> {
  const out = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const results: ColdResult[] = [];
    for (const c of cases) {
      const outfile = join(out, `${c.name.replace(/[^a-z0-9]+/gi, '-')}.js`);
      await build({
        ...('file' in c.entry
          ? { entryPoints: [join(root, c.entry.file)] }
          : { stdin: { contents: c.entry.source, resolveDir: root, loader: 'ts' as const, sourcefile: 'bare.ts' } }),
        outfile,
        bundle: true,
        minify: true,
        sourcemap: false,
        platform: 'node',
        target: 'node22',
        format: 'cjs',
        keepNames: false,
        tsconfig: join(root, 'tsconfig.json'),
        logLevel: 'silent',
      });
      const bytes = statSync(outfile).size;
      const runs: Array<{ requireMs: number; totalMs: number; status: number | string }> = [];
      for (let i = 0; i < reps; i += 1) {
        const { stdout } = await run(process.execPath, ['-e', CHILD, outfile], {
          env: { PATH: process.env.PATH ?? '', ...env, BENCH_EVENT: JSON.stringify(c.event ?? {}) },
          timeout: 60_000,
        }).catch((e: { stdout?: string; message: string }) => ({ stdout: e.stdout?.includes('@@BENCH@@') ? e.stdout : JSON.stringify({ error: e.message }) }));
        const marker = stdout.lastIndexOf('@@BENCH@@');
        const r = JSON.parse(marker >= 0 ? stdout.slice(marker + 9) : stdout);
        if (r.error) throw new Error(`cold ${c.name}: ${r.error}`);
        if (r.body && !runs.some((x) => x.status === r.status)) log(`  note: ${c.name} answered ${r.status}: ${r.body}`);
        runs.push(r);
      }
      results.push({
        name: c.name,
        bytes,
        requireMs: median(runs.map((r) => r.requireMs)),
        totalMs: median(runs.map((r) => r.totalMs)),
        status: runs[runs.length - 1].status,
      });
    }
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
