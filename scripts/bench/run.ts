/**
 * `npm run bench` (the budgets of docs/performance.md). A report, not a test: a verdict per line,
 * exit 0 (1 only when it could not run). In order:
 *   warm     five routes at 1 and 20 clients: through the local gateway (HTTP), raw DynamoDB Local
 *            doing the same calls, and the handler bundle invoked in this process (what Lambda bills)
 *   profile  a CPU profile of each route's handler at 20 clients, summarised by where the time goes
 *   cold     every function's packaged bundle: size, require (+ first answer) in a fresh process
 *   scale    summary, gift pages and upcoming events over small and large seeded data
 * Everything is written to a JSON file (with the machine and its load) beside the printed tables.
 *
 *   npm run bench                          a private platform on its own ports (23000...), in memory
 *   npm run bench -- --url http://localhost:3000   an already running `npm start` (env from .local/service.env; no scale seeding)
 *   npm run bench -- --quick               1 s per scenario, 10,000 gifts instead of 100,000
 *   --no-http (skip the local stage) --no-scale --no-cold --offline-workers (serverless-offline's worker threads instead of npm start's in-process mode)
 *   --out <file.json>                      default .local/bench/results/bench-<time>.json (and latest.json)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPlatform, LOCAL_ADMIN, type Platform } from '../local/platform';
import { REPO_ROOT, type PortPlan } from '../local/services';
import { buildBundles, handlerEntries, type Bundle } from './bundles';
import { measureCold, restEvent, BARE_GET_SOURCE, BARE_SOURCE, type ColdCase, type ColdResult } from './cold';
import { authorize, authorizerEvent, handlerCalls, HANDLER_OF, lambdaContext, load, profile, quiet, type Handler, type ProfileSummary } from './inproc';
import { drive, warm, type Call } from './load';
import { prepareRaw } from './raw';
import { http, prepare, routes, type Fixture } from './setup';
import { BUDGET, coldVerdict, header, httpVerdict, inprocVerdict, printCold, printWarm, type Row } from './report';
import { scaleScenarios, type ScaleRow } from './scale';

const BENCH_PORTS: PortPlan = { gateway: 23000, dynamodb: 28000, s3: 24569, cognito: 29229, serviceBase: 23000, lambdaBase: 23100 };
const CONCURRENCY = [1, 20];
/** what the five routes and the setup need (fewer idle serverless-offline processes on 2 cores) */
const SERVICES = ['auth', 'users', 'gifts', 'loans', 'repayments'];
/** the bundles loaded into this process */
const INPROC = ['gifts/authorizer', ...Object.values(HANDLER_OF), 'events/upcoming'];

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const durationMs = quick ? 1_000 : 4_000;
const warmMs = quick ? 500 : 1_500;
// A fresh process's require() time is bimodal on these machines (~95 or ~135 ms for the same bundle): 7 runs for a stable median.
const coldReps = quick ? 2 : 7;
const scaleSizes = { loans: 10_000, gifts: Number(option('--scale-gifts') ?? (quick ? 10_000 : 100_000)), birthdays: 1_000 };
const log = (line: string) => console.log(line);
const load1 = () => loadavg()[0];
const round = (x: number, d = 2) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

function serviceEnv(): Record<string, string> {
  const file = join(REPO_ROOT, '.local', 'service.env');
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)='(.*)'$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/'\\''/g, "'");
  }
  return env;
}

/** Per route and client count: HTTP, raw, then the in-process handler, back to back so the load is alike. */
async function warmScenarios(
  api: ReturnType<typeof http> | undefined,
  fixture: Fixture,
  env: Record<string, string>,
  inprocCalls: Record<string, Call>,
): Promise<Row[]> {
  const httpCalls = api ? routes(api, fixture) : undefined;
  // raw.ts copies a repayment: make one first
  await quiet(() => inprocCalls['POST /repayments'](0, 0));
  const raw = await prepareRaw(env.DYNAMODB_ENDPOINT, env.TABLE_PREFIX, fixture, Math.max(...CONCURRENCY));
  const rows: Row[] = [];
  try {
    for (const [name, rawCall] of Object.entries(raw.calls)) {
      for (const c of CONCURRENCY) {
        let httpResult: Row['http'];
        const httpCall = httpCalls?.[name as keyof typeof httpCalls] as Call | undefined;
        if (httpCall) {
          await warm(httpCall, c, warmMs);
          httpResult = await drive(httpCall, c, durationMs);
        }
        await warm(rawCall, c, warmMs);
        const rawResult = await drive(rawCall, c, durationMs);
        const inproc = await quiet(async () => {
          await warm(inprocCalls[name], c, warmMs);
          return drive(inprocCalls[name], c, durationMs);
        });
        rows.push({ route: name, clients: c, http: httpResult, raw: rawResult, inproc, load1: load1() });
        log(
          `  ${name.padEnd(26)} x${String(c).padEnd(2)} ${httpResult ? `http ${httpResult.rps.toFixed(1)} req/s, ` : ''}raw ${rawResult.rps.toFixed(1)}, handler ${inproc.rps.toFixed(1)} (load ${load1().toFixed(2)})`,
        );
      }
    }
  } finally {
    await raw.cleanup().catch((e) => log(`  (raw cleanup failed: ${(e as Error).message})`));
    raw.destroy();
  }
  return rows;
}

/** The authorizer in this process: the first token (verified: signature, issuer, secrets) and then the cached answer. */
async function authorizerCost(authorizer: Handler, token: string) {
  const t0 = performance.now();
  await authorizer(authorizerEvent(token), lambdaContext('authorizer'));
  const firstMs = performance.now() - t0;
  const cached = await quiet(() =>
    drive(
      async () => {
        await authorizer(authorizerEvent(token), lambdaContext('authorizer'));
        return true;
      },
      1,
      Math.min(durationMs, 1_000),
    ),
  );
  return { firstMs, cachedP50: cached.p50, cachedP99: cached.p99 };
}

function coldCases(packaged: Map<string, Bundle>, f: Fixture, callers: { user: Record<string, string>; accountant: Record<string, string> }): ColdCase[] {
  const loanId = f.loanIds[0];
  const events: Record<string, Record<string, unknown>> = {
    'gifts/authorizer': authorizerEvent(f.user.token),
    'gifts/list': restEvent({ method: 'GET', path: '/gifts', resource: '/gifts', authorizer: callers.user }),
    'gifts/create': restEvent({
      method: 'POST',
      path: '/gifts',
      resource: '/gifts',
      authorizer: callers.user,
      body: { name: 'Cold gift', direction: 'given' },
    }),
    'loans/schedule': restEvent({
      method: 'GET',
      path: `/loans/${loanId}/schedule`,
      resource: '/loans/{loanId}/schedule',
      pathParameters: { loanId },
      authorizer: callers.accountant,
    }),
    // one fixed key: the first run records a repayment, the others replay it (the same reads, no second payment)
    'repayments/record': restEvent({
      method: 'POST',
      path: '/repayments',
      resource: '/repayments',
      authorizer: callers.accountant,
      headers: { 'Idempotency-Key': `bench-cold-${Date.now()}` },
      body: { loanId, amount: { amount: 100, currency: f.currency }, paidOn: '2024-02-01', method: 'cash' },
    }),
    'loans/stats-summary': restEvent({ method: 'GET', path: '/loans/stats/summary', resource: '/loans/stats/summary', authorizer: callers.accountant }),
    'events/upcoming': restEvent({ method: 'GET', path: '/events/upcoming', resource: '/events/upcoming', authorizer: callers.user }),
  };
  const order = (name: string) => (name.startsWith('bare/') ? 0 : events[name] ? 1 : 2);
  return [...packaged.values()]
    .sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name))
    .map((bundle) => ({
      name: bundle.name,
      bundle,
      event: bundle.name === 'bare/document-client' || bundle.name === 'bare/get-item' ? {} : events[bundle.name],
    }));
}

function printProfiles(profiles: Record<string, ProfileSummary>): void {
  log('\n## Where the in-process time goes (CPU profile of each route at 20 clients; self time, bench and raw included)');
  for (const [name, p] of Object.entries(profiles)) {
    log(`${name}  (${p.sampledMs.toFixed(0)} ms sampled; ${p.file})`);
    log(`   by place: ${p.byPlace.map((x) => `${x.where} ${(x.share * 100).toFixed(0)}%`).join(', ')}`);
    log(
      `   top:      ${p.top
        .slice(0, 6)
        .map((x) => `${x.fn} [${x.where}] ${(x.share * 100).toFixed(1)}%`)
        .join('; ')}`,
    );
  }
}

function printScale(rows: ScaleRow[]): void {
  log('\n## Scale: the handler in this process, small vs large data (p50 ms; small and large alternating)');
  log('scenario                                        small n   p50    p99 |   large n   p50    p99 |  ratio   repo | load1 | verdict');
  for (const r of rows) {
    log(
      `${r.scenario.padEnd(46)} ${String(r.small.n).padStart(8)} ${r.small.p50.toFixed(1).padStart(6)} ${r.small.p99.toFixed(1).padStart(6)} | ${String(r.large.n).padStart(9)} ${r.large.p50.toFixed(1).padStart(5)} ${r.large.p99.toFixed(1).padStart(6)} | ${r.ratio.toFixed(2).padStart(5)}x ${r.repositoryRatio ? `${r.repositoryRatio.toFixed(2)}x` : '    -'} | ${r.load1.toFixed(2).padStart(5)} | ${r.ratio <= r.budget ? 'PASS' : `FAIL (> ${r.budget}x)`}`,
    );
    if (r.note) log(`    ${r.note}`);
  }
  log('(budget: large p50 <= 1.2x small, upcoming <= 2x; repo = the same read through the repository alone, large/small: DynamoDB Local itself)');
}

async function main(): Promise<void> {
  const url = option('--url');
  const started = new Date();
  const loadAtStart = loadavg();
  header(log, { mode: url ? `existing platform at ${url}` : `private platform on ${BENCH_PORTS.gateway}.. (in memory)`, durationMs, warmMs, coldReps });
  const report: Record<string, unknown> = {
    startedAt: started.toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, platform: `${process.platform} ${process.arch}`, loadAtStart },
    options: { quick, durationMs, warmMs, coldReps, url: url ?? null, offlineWorkers: flag('--offline-workers'), scaleSizes },
    budgets: BUDGET,
  };
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
  const outDir = join(REPO_ROOT, '.local', 'bench', 'results');
  const outFile = option('--out') ?? join(outDir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const bundleDir = join(tmpdir(), `bench-bundles-${process.pid}`);
  const inprocDir = join(tmpdir(), `bench-inproc-${process.pid}`);
  try {
    let env: Record<string, string>;
    let base: string;
    if (url) {
      env = serviceEnv();
      base = url.replace(/\/$/, '');
    } else {
      const t0 = Date.now();
      // serverless-offline's worker threads, as npm start ran them before (config/service.ts reads OFFLINE_IN_PROCESS)
      if (flag('--offline-workers')) process.env.OFFLINE_IN_PROCESS = 'false';
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
      const seconds = (Date.now() - t0) / 1000;
      report.platformStart = {
        services: SERVICES,
        seconds,
        load1: load1(),
        note: 'the bench platform (5 services, in-memory DynamoDB Local); bundles may be cached from an earlier run',
      };
      log(`platform up in ${seconds.toFixed(1)} s${platform.failed.length ? `; NOT running: ${platform.failed.join(', ')}` : ''}`);
    }
    // The handlers loaded into this process read the same environment as the functions; no AWS call log.
    Object.assign(process.env, env);
    delete process.env.AWS_CALL_LOG;
    const api = http(base);
    const admin = { email: env.ADMIN_EMAIL || LOCAL_ADMIN.email, password: env.ADMIN_PASSWORD || LOCAL_ADMIN.password };
    log('setup: users, 25 gifts, one disbursed loan per client ...');
    const fixture = await prepare(api, admin, Math.max(...CONCURRENCY), 25);

    log('bundling every function as `sls package` does (and the in-process set with readable names) ...');
    const t0 = performance.now();
    const entries = handlerEntries(REPO_ROOT);
    const packaged = await buildBundles(REPO_ROOT, bundleDir, entries, { 'bare/document-client': BARE_SOURCE, 'bare/get-item': BARE_GET_SOURCE });
    const readable = await buildBundles(REPO_ROOT, inprocDir, Object.fromEntries(INPROC.map((n) => [n, entries[n]])), {}, true);
    report.bundling = { functions: Object.keys(entries).length, seconds: (performance.now() - t0) / 1000 };
    log(`  ${Object.keys(entries).length} functions bundled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const handlers = Object.fromEntries(INPROC.map((n) => [n, load(readable.get(n) as Bundle)])) as Record<string, Handler>;
    const authorizer = handlers['gifts/authorizer'];
    const auth = await quiet(() => authorizerCost(authorizer, fixture.user.token));
    const callers = { user: await authorize(authorizer, fixture.user.token), accountant: await authorize(authorizer, fixture.accountant.token) };
    report.authorizer = { ...auth, load1: load1(), note: 'in process: first = token verified (cold cache), cached = the container cache hit' };
    log(`authorizer in process: first token ${auth.firstMs.toFixed(1)} ms, cached p50 ${auth.cachedP50.toFixed(3)} ms`);

    log(`warm: per route ${flag('--no-http') ? '' : 'HTTP through the gateway, '}raw DynamoDB Local, the handler in process ...`);
    const inprocCalls = handlerCalls(handlers, fixture, callers);
    const rows = await warmScenarios(flag('--no-http') ? undefined : api, fixture, env, inprocCalls);
    log('');
    printWarm(log, rows);
    report.warm = rows.map((r) => ({
      ...r,
      httpVerdict: httpVerdict(r),
      inprocVerdict: inprocVerdict(r),
      httpRatio: r.http ? round(r.http.rps / r.raw.rps) : null,
      httpP50Diff: r.http ? round(r.http.p50 - r.raw.p50) : null,
      inprocRatio: round(r.inproc.rps / r.raw.rps),
      inprocP50Diff: round(r.inproc.p50 - r.raw.p50, 3),
    }));

    const profileDir = join(REPO_ROOT, '.local', 'bench', 'profiles');
    mkdirSync(profileDir, { recursive: true });
    const profiles: Record<string, ProfileSummary> = {};
    for (const [name, call] of Object.entries(inprocCalls)) {
      const file = join(profileDir, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.cpuprofile`);
      profiles[name] = await quiet(() => profile(file, () => drive(call, 20, Math.min(durationMs, 2_000))));
    }
    printProfiles(profiles);
    report.profiles = profiles;

    if (!flag('--no-cold')) {
      log('\ncold: requiring every packaged bundle in fresh node processes ...');
      const cold: ColdResult[] = await measureCold(coldCases(packaged, fixture, callers), env, coldReps, log);
      printCold(log, cold);
      const bare = cold.find((r) => r.name === 'bare/document-client');
      const bareGet = cold.find((r) => r.name === 'bare/get-item');
      report.cold = cold.map((r) => ({ ...r, ...coldVerdict(r, bare, bareGet) }));
      report.coldLoad1 = load1();
    }

    if (!flag('--no-scale') && !url) {
      log(`\nscale: seeding through the repositories (${scaleSizes.loans} loans, ${scaleSizes.gifts} gifts, ${scaleSizes.birthdays} birthdays) ...`);
      const scale = await scaleScenarios({
        handlers: { summary: handlers['loans/stats-summary'], listGifts: handlers['gifts/list'], upcoming: handlers['events/upcoming'] },
        templateLoanId: fixture.loanIds[0],
        accountant: callers.accountant,
        sizes: scaleSizes,
        durationMs: Math.max(2_000, durationMs),
        log,
        load1,
      });
      printScale(scale);
      report.scale = scale;
    }
    const loadAtEnd = loadavg();
    log(`\nload average at the start: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}; at the end: ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')}`);
    report.loadAtEnd = loadAtEnd;
    report.finishedAt = new Date().toISOString();
  } catch (error) {
    log(`bench failed: ${(error as Error).stack ?? error}`);
    report.error = String((error as Error).stack ?? error);
    process.exitCode = 1;
  } finally {
    await stop();
    mkdirSync(outDir, { recursive: true });
    const json = `${JSON.stringify(report, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(3)) : v), 2)}\n`;
    writeFileSync(outFile, json);
    writeFileSync(join(outDir, 'latest.json'), json);
    log(`figures written to ${outFile} (and ${join(outDir, 'latest.json')})`);
    const { rmSync } = await import('node:fs');
    for (const dir of [bundleDir, inprocDir]) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
