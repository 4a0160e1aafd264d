/**
 * `npm run soak`: a private platform (its own ports, DynamoDB in memory) under a mixed load of
 * 20 clients for 10 minutes, with DynamoDB Local paused (SIGSTOP) in the middle for longer than
 * the SDK's timeouts. It reports the replies per route and status, fails on any 5xx but 503 (and
 * on a 503 without Retry-After), retries every 503'd repayment with its Idempotency-Key, and
 * ends with the statistics rebuild, whose drift must be empty.
 *
 *   npm run soak                                        10 minutes, 20 clients, an 8 s pause
 *   npm run soak -- --minutes 1 --clients 20 --pause-seconds 8
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_ADMIN, startPlatform, type Platform } from '../local/platform';
import { REPO_ROOT, type PortPlan } from '../local/services';
import { http, idempotencyKey, prepare, type Fixture, type Http, type Reply } from '../bench/setup';

const SOAK_PORTS: PortPlan = { gateway: 21000, dynamodb: 26000, s3: 22569, cognito: 27229, serviceBase: 21000, lambdaBase: 21100 };
const STATE_DIR = '.local/soak';
const SERVICES = ['auth', 'users', 'gifts', 'loans', 'repayments'];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const log = (line: string) => console.log(`[soak] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Tally {
  counts: Map<string, number>;
  /** a 5xx other than 503, or a 503 without Retry-After: each one fails the soak */
  bad: string[];
  /** repayments answered 503: retried with the same key at the end */
  unsure: { loanId: string; key: string }[];
  slow503: number;
  /** of those, the local gateway's rewrite of a serverless-offline Lambda timeout (the function ran past its 10 s) */
  slowTimeouts: number;
  /** 401s for tokens that are valid for the whole soak */
  refused: number;
}

/** scripts/local/gateway.ts's message for serverless-offline's own 5xx (a Lambda timeout, a crash) */
const LAMBDA_TIMEOUT_MESSAGE = 'The service did not answer in time; try again shortly';

function count(t: Tally, route: string, reply: Reply & { retryAfter: string | null; ms: number }): void {
  const key = `${route} ${reply.status}`;
  t.counts.set(key, (t.counts.get(key) ?? 0) + 1);
  if (reply.status === 503 && !reply.retryAfter) t.bad.push(`${route}: 503 without Retry-After`);
  if (reply.status === 503 && reply.ms > 5000) {
    t.slow503 += 1;
    if ((reply.body as { error?: { message?: string } })?.error?.message === LAMBDA_TIMEOUT_MESSAGE) t.slowTimeouts += 1;
  }
  if (reply.status === 401) t.refused += 1;
  if (reply.status >= 500 && reply.status !== 503) t.bad.push(`${route}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
}

/** One client's mixed requests until the deadline: reads and writes of both products. */
async function client(api: Http, f: Fixture, n: number, deadline: number, t: Tally): Promise<void> {
  const loanId = f.loanIds[n % f.loanIds.length];
  for (let seq = 0; Date.now() < deadline; seq++) {
    const op = seq % 5;
    const started = Date.now();
    const timed = async (route: string, method: string, path: string, options: Parameters<Http['call']>[2] = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await fetch(api.base + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : '';
      } catch {
        /* not JSON */
      }
      const reply = { status: response.status, body, retryAfter: response.headers.get('retry-after'), ms: Date.now() - started };
      count(t, route, reply);
      return reply;
    };
    if (op === 0) await timed('GET /gifts', 'GET', '/gifts?limit=20', { token: f.user.token });
    else if (op === 1)
      await timed('POST /gifts', 'POST', '/gifts', { token: f.user.token, body: { name: `Soak gift ${n}-${seq}`, direction: 'given', status: 'idea' } });
    else if (op === 2) {
      const key = idempotencyKey();
      const reply = await timed('POST /repayments', 'POST', '/repayments', {
        token: f.accountant.token,
        headers: { 'idempotency-key': key },
        body: { loanId, amount: { amount: 100, currency: f.currency }, paidOn: '2024-02-01', method: 'bank_transfer' },
      });
      if (reply.status === 503) t.unsure.push({ loanId, key });
    } else if (op === 3) await timed('GET /loans/{id}/schedule', 'GET', `/loans/${loanId}/schedule`, { token: f.accountant.token });
    else await timed('GET /loans/stats/summary', 'GET', '/loans/stats/summary', { token: f.accountant.token });
  }
}

/** The pid of the platform's DynamoDB Local, from the record the platform keeps of its children. */
function dynamoPid(): number {
  const record = JSON.parse(readFileSync(join(REPO_ROOT, STATE_DIR, 'processes.json'), 'utf8')) as { processes: { name: string; pid: number }[] };
  const dynamo = record.processes.find((p) => p.name === 'dynamodb');
  if (!dynamo) throw new Error('no DynamoDB Local in the platform record');
  return dynamo.pid;
}

const logFile = (service: string) => join(REPO_ROOT, STATE_DIR, 'logs', `${service}.log`);
const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/**
 * What the services logged about their authorizer during the load (the logs are appended to, so
 * from the offsets taken before it): the authorizer's own failures (`authorizer failure`, ours:
 * the soak's platform tokens need no dependency, so each one is a bug) and serverless-offline's
 * `Authorization function returned an error response` (any error or timeout of the authorizer,
 * which it answers 401; docs/api.md, "When a dependency fails").
 */
function authorizerLog(offsets: Map<string, number>): { ours: number; offline: number } {
  let ours = 0;
  let offline = 0;
  for (const [service, offset] of offsets) {
    const text = existsSync(logFile(service)) ? readFileSync(logFile(service)).subarray(offset).toString('utf8') : '';
    ours += text.match(/"msg":"authorizer failure"/g)?.length ?? 0;
    offline += text.match(/Authorization function returned an error response/g)?.length ?? 0;
  }
  return { ours, offline };
}

async function soak(platform: Platform): Promise<number> {
  const minutes = option('minutes', 10);
  const clients = option('clients', 20);
  const pauseSeconds = option('pause-seconds', 8);
  const api = http(`http://localhost:${SOAK_PORTS.gateway}`);
  const admin = { email: platform.env.ADMIN_EMAIL || LOCAL_ADMIN.email, password: platform.env.ADMIN_PASSWORD || LOCAL_ADMIN.password };
  const fixture = await prepare(api, admin, clients, 5);
  log(`load: ${clients} clients for ${minutes} min; DynamoDB Local paused for ${pauseSeconds} s in the middle`);
  const tally: Tally = { counts: new Map(), bad: [], unsure: [], slow503: 0, slowTimeouts: 0, refused: 0 };
  const offsets = new Map(SERVICES.map((service) => [service, sizeOf(logFile(service))]));
  const t0 = Date.now();
  const deadline = t0 + minutes * 60_000;
  const pause = (async () => {
    await sleep((minutes * 60_000) / 2);
    const pid = dynamoPid();
    log(`pausing DynamoDB Local (pid ${pid}) at ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    process.kill(pid, 'SIGSTOP');
    await sleep(pauseSeconds * 1000);
    process.kill(pid, 'SIGCONT');
    log(`resumed DynamoDB Local at ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  })();
  await Promise.all([pause, ...Array.from({ length: clients }, (_, n) => client(api, fixture, n, deadline, tally))]);

  // Every 503'd payment retried with its key: applied once, whichever way the first try went.
  let retriedOk = 0;
  for (const { loanId, key } of tally.unsure) {
    const reply = await api.call('POST', '/repayments', {
      token: fixture.accountant.token,
      headers: { 'idempotency-key': key },
      body: { loanId, amount: { amount: 100, currency: fixture.currency }, paidOn: '2024-02-01', method: 'bank_transfer' },
    });
    if (reply.status === 201) retriedOk++;
    else tally.bad.push(`retry of a 503'd repayment: ${reply.status}`);
  }
  const adminToken = (await api.expect(200, 'POST', '/auth/login', { body: admin })).accessToken as string;
  const rebuild = await api.expect(200, 'POST', '/loans/stats/rebuild', { token: adminToken });

  const total = [...tally.counts.values()].reduce((a, b) => a + b, 0);
  log(`${total} requests in ${((Date.now() - t0) / 1000).toFixed(0)} s (${(total / ((Date.now() - t0) / 1000)).toFixed(1)}/s)`);
  for (const [key, n] of [...tally.counts.entries()].sort()) log(`  ${key.padEnd(34)} ${n}`);
  log(`503s slower than 5 s: ${tally.slow503} (serverless-offline Lambda timeouts rewritten by the gateway: ${tally.slowTimeouts})`);
  const authorizer = authorizerLog(offsets);
  log(
    `401s for valid tokens: ${tally.refused} (authorizer errors logged by serverless-offline: ${authorizer.offline}, of which the authorizer's own failures: ${authorizer.ours}; the rest are serverless-offline timeouts)`,
  );
  log(`repayments answered 503 and retried with their key: ${tally.unsure.length} (${retriedOk} then 201)`);
  log(`statistics rebuild drift: ${JSON.stringify(rebuild.drift)}`);
  const failures = [
    ...tally.bad,
    ...(rebuild.drift.length ? ['the statistics drifted'] : []),
    ...(tally.slow503 ? ['503s slower than 5 s'] : []),
    ...(authorizer.ours ? [`the authorizer failed ${authorizer.ours} time(s) on valid platform tokens`] : []),
    // A 401 that serverless-offline did not log as an authorizer error is a token refused by the platform: a bug.
    ...(tally.refused > authorizer.offline ? [`${tally.refused - authorizer.offline} valid token(s) refused`] : []),
  ];
  if (failures.length) {
    log(`FAILED: ${failures.length} problem(s)`);
    for (const f of failures.slice(0, 20)) log(`  ${f}`);
    return 1;
  }
  log('PASSED: no 5xx but 503 (each with Retry-After), every retried payment recorded once, no drift');
  return 0;
}

async function main(): Promise<void> {
  let platform: Platform | undefined;
  const stop = async () => platform?.stop().catch(() => undefined);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop().then(() => process.exit(130)));
  let code = 1;
  try {
    log('starting a private platform (ports 21000..., in memory)');
    // serverless-offline's per-request lines are off on the local platform; the 401 split below reads its authorizer lines.
    process.env.SLS_LOG_LEVEL ??= 'notice';
    platform = await startPlatform({ ports: SOAK_PORTS, stateDir: STATE_DIR, inMemoryDb: true, log: () => undefined, only: SERVICES });
    if (platform.failed.length) throw new Error(`not running: ${platform.failed.join(', ')}`);
    code = await soak(platform);
  } catch (error) {
    log(`error: ${(error as Error).message}`);
  } finally {
    await stop();
  }
  process.exit(code);
}

void main();
