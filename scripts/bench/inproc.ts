/**
 * What Lambda bills: the packaged handler bundles required into this process and invoked directly
 * with API Gateway REST events against DynamoDB Local (no serverless-offline, no gateway), beside
 * raw.ts doing the same DynamoDB calls from the same process. The caller comes from the real
 * authorizer bundle, run once per token as API Gateway would (it then caches by token).
 *
 * The functions' log lines (one JSON line per request) are still built, then dropped instead of
 * written to the bench's terminal (`quiet`): on Lambda they go to the runtime's pipe.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { SourceMap } from 'node:module';
import { performance } from 'node:perf_hooks';
import { restEvent } from './cold';
import type { Bundle } from './bundles';
import type { Call } from './load';
import type { Fixture } from './setup';

// biome-ignore lint/suspicious/noExplicitAny: a Lambda handler of any event and reply
export type Handler = (event: any, context: Record<string, unknown>) => Promise<any>;

export function lambdaContext(name: string): Record<string, unknown> {
  return {
    awsRequestId: randomUUID(),
    functionName: name,
    functionVersion: '$LATEST',
    memoryLimitInMB: '1024',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
  };
}

export function load(bundle: Bundle): Handler {
  const mod = require(bundle.file) as { handler?: Handler };
  if (typeof mod.handler !== 'function') throw new Error(`${bundle.name}: no handler export`);
  return mod.handler;
}

/** Output written while `run` runs is counted and dropped (the handlers' log lines). */
export async function quiet<T>(run: () => Promise<T>): Promise<T> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  const drop = ((_chunk: unknown, encoding?: unknown, cb?: unknown) => {
    const done = typeof encoding === 'function' ? encoding : cb;
    if (typeof done === 'function') done();
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = drop;
  process.stderr.write = drop;
  try {
    return await run();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

export const authorizerEvent = (token: string) => ({
  type: 'TOKEN',
  authorizationToken: `Bearer ${token}`,
  methodArn: 'arn:aws:execute-api:us-east-1:123456789012:bench/local/GET/gifts',
});

/** The authorizer's answer as API Gateway puts it into requestContext.authorizer. */
export async function authorize(authorizer: Handler, token: string): Promise<Record<string, string>> {
  const result = await authorizer(authorizerEvent(token), lambdaContext('authorizer'));
  return { principalId: result.principalId, ...result.context };
}

/** The five benchmarked routes as direct invocations of their bundles; each throws with the reply when the status is not the expected one. */
export function handlerCalls(handlers: Record<string, Handler>, f: Fixture, callers: { user: Record<string, string>; accountant: Record<string, string> }) {
  const invoke = async (fn: string, expected: number, event: Record<string, unknown>) => {
    const reply = await handlers[fn](event, lambdaContext(fn));
    if (reply?.statusCode !== expected) throw new Error(`${fn}: ${reply?.statusCode} ${String(reply?.body).slice(0, 200)}`);
    return true;
  };
  const calls: Record<string, Call> = {
    'GET /gifts': () =>
      invoke('gifts/list', 200, restEvent({ method: 'GET', path: '/gifts', resource: '/gifts', query: { limit: '20' }, authorizer: callers.user })),
    'POST /gifts': (client, seq) =>
      invoke(
        'gifts/create',
        201,
        restEvent({
          method: 'POST',
          path: '/gifts',
          resource: '/gifts',
          authorizer: callers.user,
          body: { name: `Bench gift ${client}-${seq}`, direction: 'given', price: { amount: 2500, currency: f.currency } },
        }),
      ),
    'GET /loans/{id}/schedule': (client) => {
      const loanId = f.loanIds[client % f.loanIds.length];
      return invoke(
        'loans/schedule',
        200,
        restEvent({
          method: 'GET',
          path: `/loans/${loanId}/schedule`,
          resource: '/loans/{loanId}/schedule',
          pathParameters: { loanId },
          authorizer: callers.accountant,
        }),
      );
    },
    'POST /repayments': (client) =>
      invoke(
        'repayments/record',
        201,
        restEvent({
          method: 'POST',
          path: '/repayments',
          resource: '/repayments',
          authorizer: callers.accountant,
          headers: { 'Idempotency-Key': `bench-${randomUUID()}` },
          body: { loanId: f.loanIds[client % f.loanIds.length], amount: { amount: 100, currency: f.currency }, paidOn: '2024-02-01', method: 'bank_transfer' },
        }),
      ),
    'GET /loans/stats/summary': () =>
      invoke(
        'loans/stats-summary',
        200,
        restEvent({ method: 'GET', path: '/loans/stats/summary', resource: '/loans/stats/summary', authorizer: callers.accountant }),
      ),
  };
  return calls;
}

export const HANDLER_OF: Record<string, string> = {
  'GET /gifts': 'gifts/list',
  'POST /gifts': 'gifts/create',
  'GET /loans/{id}/schedule': 'loans/schedule',
  'POST /repayments': 'repayments/record',
  'GET /loans/stats/summary': 'loans/stats-summary',
};

export interface ProfileSummary {
  file: string;
  sampledMs: number;
  /** self time by function (and where it is), largest first */
  top: Array<{ fn: string; where: string; ms: number; share: number }>;
  /** self time by where: a bundle's own code, node_modules packages inside it, node internals, idle, GC */
  byPlace: Array<{ where: string; ms: number; share: number }>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/** A CPU profile (the same data as `node --cpu-prof`) of `run`, written to `file`, summarised by self time. */
export async function profile(file: string, run: () => Promise<unknown>): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  const t0 = performance.now();
  let failure: unknown;
  try {
    await run();
  } catch (error) {
    failure = error;
  }
  const { profile: data } = (await post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[] } };
  session.disconnect();
  if (failure) throw failure;
  writeFileSync(file, JSON.stringify(data));
  const sampledMs = performance.now() - t0;
  const msPerSample = sampledMs / Math.max(1, data.samples.length);
  const byFn = new Map<string, { fn: string; where: string; ms: number }>();
  const byPlace = new Map<string, number>();
  const counts = new Map<number, number>();
  for (const id of data.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const node of data.nodes) {
    const hits = counts.get(node.id) ?? 0;
    if (!hits) continue;
    const where = place(node.callFrame);
    const fn = node.callFrame.functionName || '(anonymous)';
    const key = `${fn}@${where}`;
    const entry = byFn.get(key) ?? { fn, where, ms: 0 };
    entry.ms += hits * msPerSample;
    byFn.set(key, entry);
    byPlace.set(where, (byPlace.get(where) ?? 0) + hits * msPerSample);
  }
  const share = (ms: number) => ms / sampledMs;
  return {
    file,
    sampledMs,
    top: [...byFn.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15)
      .map((e) => ({ ...e, share: share(e.ms) })),
    byPlace: [...byPlace.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([where, ms]) => ({ where, ms, share: share(ms) })),
  };
}

const sourceMaps = new Map<string, SourceMap | null>();

/** The original source of a position in a bundle, through the bundle's external source map. */
function originalSource(url: string, line: number, column: number): string | undefined {
  const file = url.replace(/^file:\/\//, '');
  if (!sourceMaps.has(file)) {
    try {
      sourceMaps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      sourceMaps.set(file, null);
    }
  }
  const entry = sourceMaps.get(file)?.findEntry(line, column) as { originalSource?: string } | undefined;
  return entry?.originalSource;
}

/** Where a profiled function lives, coarsely: a package, a folder of this repository, node itself, the bench. */
function place(frame: ProfileNode['callFrame']): string {
  const { url, functionName, lineNumber, columnNumber } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const source = url.includes('bench-inproc') ? (originalSource(url, lineNumber, columnNumber) ?? url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return url.includes('bench-inproc') ? `${pkg[1]} (in a bundle)` : `${pkg[1]} (bench process)`;
  if (source.includes('/scripts/bench/')) return 'bench (load generator, raw calls)';
  const repo = /(libs\/src\/[^/]+|packages\/[^/]+\/src\/[^/]+|services\/[^/]+\/src\/[^/]+)/.exec(source);
  return repo ? repo[1] : source.split('/').slice(-2).join('/');
}
