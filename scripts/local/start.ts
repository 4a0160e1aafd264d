/**
 * `npm start`: the whole platform on this machine (stage local) at http://localhost:3000.
 * One instance per checkout: a second start finds the lock and says where the first one is.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, LOCAL_ADMIN, type Platform } from './platform';
import { GATEWAY_MARK_HEADER } from './gateway';
import { killAllSync, portAnswers } from './processes';
import { DEFAULT_PORTS, presentServices, REPO_ROOT, type ServiceEntry } from './services';

process.env.SLS_TELEMETRY_DISABLED = '1';
process.env.SLS_NOTIFICATIONS_MODE = 'off';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // pinned SDK on Node 20: the warning is known

const STATE_DIR = '.local';
const ports = DEFAULT_PORTS;
const lockFile = join(REPO_ROOT, STATE_DIR, 'platform.pid');
const url = `http://localhost:${ports.gateway}`;
const log = (line: string) => console.log(line);

/** Is `pid` a live `npm start` of this platform (not some other process that reused the pid)? */
function isPlatformProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).includes('scripts/local/start');
  } catch {
    return true; // alive, and no ps to tell: assume it is ours rather than start a second one
  }
}

function alreadyRunning(pid: number): never {
  console.error(`The platform is already running (pid ${pid}) at ${url} — stop it with Ctrl-C in its terminal`);
  process.exit(1);
}

/** Takes the lock, or exits 1 if a live platform holds it. A stale lock is removed. */
async function takeLock(): Promise<void> {
  mkdirSync(join(REPO_ROOT, STATE_DIR), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' }); // atomic: two starts cannot both win
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    if (Number.isInteger(holder) && isPlatformProcess(holder)) alreadyRunning(holder);
    log(`(removed a stale lock: pid ${holder} is no longer running)`);
    rmSync(lockFile, { force: true });
  }
  throw new Error(`could not take the lock ${lockFile}`);
}

function releaseLock(): void {
  try {
    if (Number.parseInt(readFileSync(lockFile, 'utf8'), 10) === process.pid) rmSync(lockFile);
  } catch {
    /* already gone */
  }
}

/** No live lock, yet something answers on 3000: a platform whose lock was removed, or not ours. */
async function refuseIfGatewayPortTaken(): Promise<void> {
  if (!(await portAnswers(ports.gateway))) return;
  releaseLock();
  const marked = await fetch(`http://127.0.0.1:${ports.gateway}/`).then(
    (r) => r.headers.get(GATEWAY_MARK_HEADER),
    () => null,
  );
  if (marked) alreadyRunning(Number(marked));
  console.error(`Port ${ports.gateway} is in use by another program (not this platform); free it first`);
  process.exit(1);
}

function announce(services: ServiceEntry[]): void {
  log(`Starting the platform (stage local): gateway ${ports.gateway}, dynamodb ${ports.dynamodb}, s3 ${ports.s3}, cognito ${ports.cognito}`);
  log(`services: ${services.map((s) => `${s.name} ${s.httpPort}/${s.lambdaPort}`).join(', ') || 'none yet (no services/*/serverless.ts)'}`);
  if (!process.env.ADMIN_EMAIL || !process.env.ADMIN_PASSWORD) {
    log(`admin: ADMIN_EMAIL/ADMIN_PASSWORD not both set, using the local defaults ${LOCAL_ADMIN.email} / ${LOCAL_ADMIN.password}`);
  }
}

/** The platform being started or running, and its orderly shutdown (once). */
interface Lifecycle {
  platform?: Platform;
  starting?: Promise<Platform>;
  shuttingDown: boolean;
  aborter: AbortController;
  shutdown(reason: string, exitCode: number): Promise<void>;
}

function lifecycle(): Lifecycle {
  const life: Lifecycle = {
    shuttingDown: false,
    aborter: new AbortController(),
    async shutdown(reason, exitCode) {
      if (life.shuttingDown) return;
      life.shuttingDown = true;
      log(`${reason}: stopping everything the platform started...`);
      life.aborter.abort(); // an unfinished start-up stops what it started, then rejects
      if (life.platform) await life.platform.stop();
      else
        await life.starting?.then(
          (p) => p.stop(),
          () => undefined,
        );
      releaseLock();
      log('stopped.');
      process.exit(exitCode);
    },
  };
  return life;
}

function stopOnSignals(life: Lifecycle): void {
  let interrupts = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // A second Ctrl-C while stopping: no more waiting.
      if (++interrupts > 1) {
        killAllSync();
        releaseLock();
        process.exit(130);
      }
      void life.shutdown(signal, 0);
    });
  }
  // Whatever happens to this process (a crash included), its children must not outlive it.
  process.on('exit', killAllSync);
}

/** For one service run alone (`npx sls offline` in services/<name>): `set -a; . ../../.local/service.env; set +a`. */
function writeServiceEnv(env: Record<string, string>): void {
  const envLines = Object.entries(env).map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`);
  writeFileSync(join(REPO_ROOT, STATE_DIR, 'service.env'), `${envLines.join('\n')}\n`, { mode: 0o600 });
}

async function main(): Promise<void> {
  await takeLock();
  await refuseIfGatewayPortTaken();
  announce(presentServices(ports));
  const life = lifecycle();
  stopOnSignals(life);
  life.starting = startPlatform({
    ports,
    stateDir: STATE_DIR,
    inMemoryDb: false,
    log,
    echoServiceOutput: true,
    signal: life.aborter.signal,
    // Policy: a service that dies is restarted once, and if it dies again stays down (its
    // routes answer 503) while the others go on. An emulator that dies (DynamoDB Local,
    // cognito-local) is restarted, DynamoDB Local on its data folder, and the platform says so;
    // requests answer 503 meanwhile. Only an emulator in a crash loop (more than 5 exits a
    // minute) or one that will not start again stops everything (exit 1). s3rver runs inside
    // this process.
    onFatal: (reason) => void life.shutdown(`cannot continue: ${reason}`, 1),
  });
  let platform: Platform;
  try {
    platform = life.platform = await life.starting;
  } catch (error) {
    if (life.shuttingDown) return; // interrupted during start-up: shutdown() exits
    console.error(`The platform did not start: ${(error as Error).message}`);
    releaseLock();
    process.exit(1);
  }
  if (life.shuttingDown) return;
  writeServiceEnv(platform.env);
  if (platform.failed.length) log(`WARNING: ${platform.failed.join(', ')} did not start; their routes answer 503`);
  log(`Platform ready at ${url} — Ctrl-C stops everything (logs in ${STATE_DIR}/logs)`);
  log(`API reference: ${url}/docs/ (the document: ${url}/openapi.json)`);
}

void main();
