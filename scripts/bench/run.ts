/**
 * `npm run bench` (the budgets of docs/performance.md): warm latency and throughput of five routes through
 * the local gateway at 1 and 20 clients beside DynamoDB Local doing the same calls, and cold start
 * of a few handler bundles beside a bare one. A report, not a test: PASS/FAIL per line, exit 0.
 *
 *   npm run bench                          a private platform on its own ports (23000...), in memory
 *   npm run bench -- --url http://localhost:3000   an already running `npm start` (env from .local/service.env)
 *   npm run bench -- --quick               1 s per scenario instead of 4 s
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, LOCAL_ADMIN, type Platform } from '../local/platform';
import { REPO_ROOT, type PortPlan } from '../local/services';
import { measureCold, restEvent, BARE_GET_SOURCE, BARE_SOURCE, type ColdCase } from './cold';
import { drive, warm, type Result } from './load';
import { prepareRaw } from './raw';
import { http, prepare, routes, type Fixture } from './setup';
import { header, printCold, printWarm, type Row } from './report';

const BENCH_PORTS: PortPlan = { gateway: 23000, dynamodb: 28000, s3: 24569, cognito: 29229, serviceBase: 23000, lambdaBase: 23100 };
const CONCURRENCY = [1, 20];
/** what the five routes and the setup need (fewer idle serverless-offline processes on 2 cores) */
const SERVICES = ['auth', 'users', 'gifts', 'loans', 'repayments'];

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const durationMs = quick ? 1_000 : 4_000;
const warmMs = quick ? 500 : 1_500;
const coldReps = quick ? 2 : 5;
const log = (line: string) => console.log(line);

function serviceEnv(): Record<string, string> {
  const file = join(REPO_ROOT, '.local', 'service.env');
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)='(.*)'$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/'\\''/g, "'");
  }
  return env;
}

async function warmScenarios(api: ReturnType<typeof http>, fixture: Fixture, env: Record<string, string>, clients: number) {
  const routeCalls = routes(api, fixture);
  const httpResults: Record<string, Record<number, Result>> = {};
  for (const [name, call] of Object.entries(routeCalls)) {
    httpResults[name] = {};
    for (const c of CONCURRENCY) {
      await warm(call, c, warmMs);
      httpResults[name][c] = await drive(call, c, durationMs);
      log(`  http ${name.padEnd(26)} x${String(c).padEnd(2)} ${httpResults[name][c].rps.toFixed(1)} req/s`);
    }
  }
  const raw = await prepareRaw(env.DYNAMODB_ENDPOINT, env.TABLE_PREFIX, fixture, clients);
  const rows: Row[] = [];
  try {
    for (const [name, call] of Object.entries(raw.calls)) {
      for (const c of CONCURRENCY) {
        await warm(call, c, warmMs);
        const r = await drive(call, c, durationMs);
        log(`  raw  ${name.padEnd(26)} x${String(c).padEnd(2)} ${r.rps.toFixed(1)} req/s`);
        rows.push({ route: name, clients: c, http: httpResults[name][c], raw: r });
      }
    }
  } finally {
    await raw.cleanup().catch((e) => log(`  (raw cleanup failed: ${(e as Error).message})`));
    raw.destroy();
  }
  return rows;
}

function coldCases(f: Fixture): ColdCase[] {
  const loanId = f.loanIds[0];
  return [
    { name: 'bare (document client only)', entry: { source: BARE_SOURCE } },
    { name: 'bare + 1 GetItem (info)', entry: { source: BARE_GET_SOURCE } },
    {
      name: 'gifts list',
      entry: { file: 'services/gifts/src/handlers/list.ts' },
      event: restEvent({ method: 'GET', path: '/gifts', resource: '/gifts', token: f.user.token }),
    },
    {
      name: 'gifts create',
      entry: { file: 'services/gifts/src/handlers/create.ts' },
      event: restEvent({ method: 'POST', path: '/gifts', resource: '/gifts', token: f.user.token, body: { name: 'Cold gift', direction: 'given' } }),
    },
    {
      name: 'loans schedule',
      entry: { file: 'services/loans/src/handlers/schedule.ts' },
      event: restEvent({
        method: 'GET',
        path: `/loans/${loanId}/schedule`,
        resource: '/loans/{loanId}/schedule',
        pathParameters: { loanId },
        token: f.accountant.token,
      }),
    },
    {
      name: 'repayments record',
      entry: { file: 'services/repayments/src/handlers/record.ts' },
      // one fixed key: the first run records a repayment, the others replay it (the same reads, no second payment)
      event: restEvent({
        method: 'POST',
        path: '/repayments',
        resource: '/repayments',
        token: f.accountant.token,
        headers: { 'Idempotency-Key': `bench-cold-${Date.now()}` },
        body: { loanId, amount: { amount: 100, currency: f.currency }, paidOn: '2024-02-01', method: 'cash' },
      }),
    },
    {
      name: 'loans stats summary',
      entry: { file: 'services/loans/src/handlers/stats-summary.ts' },
      event: restEvent({ method: 'GET', path: '/loans/stats/summary', resource: '/loans/stats/summary', token: f.accountant.token }),
    },
  ];
}

async function main(): Promise<void> {
  const url = option('--url');
  header(log, { mode: url ? `existing platform at ${url}` : `private platform on ${BENCH_PORTS.gateway}.. (in memory)`, durationMs, warmMs, coldReps });
  let platform: Platform | undefined;
  let starting: Promise<Platform> | undefined;
  let stopping: Promise<void> | undefined;
  // A Ctrl-C during start-up aborts it (startPlatform then stops whatever had started and rejects).
  const aborter = new AbortController();
  const stop = () =>
    (stopping ??= platform
      ? platform.stop().catch((e) => log(`stop failed: ${(e as Error).message}`))
      : (starting?.then(
          (p) => p.stop(),
          () => undefined,
        ) ?? Promise.resolve()));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping the platform`);
      aborter.abort();
      void stop().then(() => process.exit(130));
    });
  }
  process.on('exit', () => platform?.killSync());
  try {
    let env: Record<string, string>;
    let base: string;
    if (url) {
      env = serviceEnv();
      base = url.replace(/\/$/, '');
    } else {
      const t0 = Date.now();
      starting = startPlatform({
        ports: BENCH_PORTS,
        stateDir: '.local/bench',
        inMemoryDb: true,
        only: SERVICES,
        log: (l) => log(`  [platform] ${l}`),
        signal: aborter.signal,
      });
      platform = await starting;
      env = platform.env;
      base = `http://localhost:${BENCH_PORTS.gateway}`;
      log(`platform up in ${((Date.now() - t0) / 1000).toFixed(1)} s${platform.failed.length ? `; NOT running: ${platform.failed.join(', ')}` : ''}`);
    }
    const api = http(base);
    const admin = { email: env.ADMIN_EMAIL || LOCAL_ADMIN.email, password: env.ADMIN_PASSWORD || LOCAL_ADMIN.password };
    const clients = Math.max(...CONCURRENCY);
    log('setup: users, 25 gifts, one disbursed loan per client ...');
    const fixture = await prepare(api, admin, clients, 25);
    log('warm: HTTP through the gateway, then raw DynamoDB Local');
    const rows = await warmScenarios(api, fixture, env, clients);
    log('');
    printWarm(log, rows);
    log('\ncold: bundling and requiring handlers in fresh node processes ...');
    const cold = await measureCold(REPO_ROOT, coldCases(fixture), env, coldReps, log);
    printCold(log, cold);
    log(
      `\nload average at the end: ${(await import('node:os'))
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } catch (error) {
    log(`bench failed: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  } finally {
    await stop();
  }
}

void main();
