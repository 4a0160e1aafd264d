import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { presentServices, portsInUse, REPO_ROOT, type PortPlan, type ServiceEntry } from './services';
import { ensureTables } from './tables';
import {
  type CognitoSettings,
  dynamoClient,
  ensureSigningKey,
  ensureUserPool,
  type S3Handle,
  type SigningKey,
  startCognito,
  startDynamo,
  startS3,
} from './infra';
import { startGateway, type GatewayHandle } from './gateway';
import { keepRunning, portAnswers, reapOrphans, recordProcesses, type Supervised } from './processes';
import { startServices } from './service-runner';
import { bundleHandlers } from './bundle';
import { confirmationCodeLine, confirmationCodeReader } from './cognito-codes';

export interface PlatformOptions {
  ports: PortPlan;
  /** relative to the repository root: '.local' for `npm start`, '.local/test' for Jest */
  stateDir: string;
  inMemoryDb: boolean;
  log: (line: string) => void;
  /** where <service>.log files go; default <stateDir>/logs */
  serviceLogDir?: string;
  /** echo every service output line to `log`, prefixed [service] (npm start only) */
  echoServiceOutput?: boolean;
  /** how many serverless-offline processes boot at once (each bundles with esbuild first) */
  concurrency?: number;
  /** called when something cannot be recovered: an emulator (DynamoDB Local, cognito-local) crash-looping or not restarting */
  onFatal?: (reason: string) => void;
  /** a different checkout (throwaway services while measuring); default: this repository */
  root?: string;
  /** start only these services (default: every one with a serverless.ts) */
  only?: readonly string[];
  /**
   * where the handlers' bundles go (relative to the root; default <stateDir>/bundles): outside a
   * state folder that is wiped at every run, they are reused while their sources are unchanged
   */
  bundleDir?: string;
  /** record every AWS call each function makes into this file (libs/src/aws; the tests' IAM proof) */
  awsCallLog?: string;
  /** aborting (a Ctrl-C during start-up) stops whatever has started and rejects */
  signal?: AbortSignal;
}

export interface Platform {
  env: Record<string, string>;
  services: ServiceEntry[];
  /** services whose serverless-offline did not come up (the gateway answers 503 for them) */
  failed: string[];
  stop(): Promise<void>;
  /** synchronous SIGKILL of every child, for a process 'exit' handler */
  killSync(): void;
}

export const LOCAL_ORIGINS = ['http://localhost:3000', 'http://localhost:5173'];
export const LOCAL_ADMIN = { email: 'admin@example.com', password: 'ChangeMe-Local-Admin-1' };
export const BUCKETS = { giftImages: 'platform-local-gift-images', loanDocuments: 'platform-local-loan-documents' };
const STAGE = 'local';

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/** What one start-up works with: its options, resolved paths and the services it starts. */
interface Run {
  opts: PlatformOptions;
  ports: PortPlan;
  log: (line: string) => void;
  root: string;
  stateDir: string;
  logDir: string;
  services: ServiceEntry[];
  t0: number;
}

/**
 * What a start-up has started so far, and how to stop it: the gateway first, then the services,
 * then the emulators they depend on, then s3rver. Every child is recorded in processes.json.
 */
class Started {
  readonly children: Supervised[] = [];
  s3: S3Handle | undefined;
  gateway: GatewayHandle | undefined;
  stopping = false;
  private readonly recordFile: string;

  constructor(private readonly run: Run) {
    this.recordFile = join(run.stateDir, 'processes.json');
  }

  record = (): void => recordProcesses(this.recordFile, this.children);

  adopt = (proc: Supervised): void => {
    this.children.push(proc);
    this.record();
  };

  notStopped = (): void => {
    if (this.stopping) throw new Error('start-up interrupted');
  };

  /** An emulator that exits on its own is restarted, and the platform says so (keepRunning in processes.ts). */
  watch(proc: Supervised, label: string, restart: () => Promise<Supervised>): void {
    keepRunning(proc, {
      label,
      restart,
      log: this.run.log,
      isStopping: () => this.stopping,
      onRestarted: (next, previous) => {
        this.children.splice(this.children.indexOf(previous), 1);
        this.adopt(next);
      },
      onGiveUp: (reason) => (this.run.opts.onFatal ? this.run.opts.onFatal(reason) : this.run.log(`FATAL: ${reason}`)),
    });
  }

  stop = async (): Promise<void> => {
    this.stopping = true;
    await this.gateway?.close();
    const serviceProcs = this.children.filter((c) => c.name !== 'dynamodb' && c.name !== 'cognito');
    await Promise.all(serviceProcs.map((c) => c.stop()));
    await Promise.all(this.children.filter((c) => !serviceProcs.includes(c)).map((c) => c.stop()));
    await this.s3?.close();
    this.record();
  };

  killSync = (): void => {
    for (const c of this.children) c.killSync();
  };
}

export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const run = await prepareRun(opts);
  const started = new Started(run);
  opts.signal?.addEventListener('abort', () => void started.stop());
  try {
    const emulators = startEmulators(run, started);
    const bundled = bundleStep(run);
    bundled.catch(() => undefined); // awaited below; meanwhile an early failure must not be "unhandled"
    const { pool, key } = await emulators.ready;
    const admin = { email: process.env.ADMIN_EMAIL || LOCAL_ADMIN.email, password: process.env.ADMIN_PASSWORD || LOCAL_ADMIN.password };
    const env = { ...platformEnvironment(run.ports, pool, key, admin), ...(opts.awsCallLog ? { AWS_CALL_LOG: opts.awsCallLog } : {}) };
    // The seed (in this process) and everything spawned from here on read these.
    Object.assign(process.env, env);
    // Services only need the environment to boot, not the tables: bundle and boot them while
    // DynamoDB finishes starting and the tables and the admin are prepared.
    const servicesReady = bundled.then((bundles) => bootServices(run, started, { ...env, PLATFORM_BUNDLES: bundles }));
    servicesReady.catch(() => undefined);
    await emulators.dynamoReady;
    await prepareData(run, admin);
    const { failed } = await servicesReady;
    started.notStopped();
    started.gateway = await openGateway(run);
    if (failed.length) run.log(`NOT running: ${failed.join(', ')} (see above and ${join(run.logDir, '<service>.log')})`);
    run.log(`ready in ${seconds(run.t0)} s`);
    return { env, services: run.services, failed, stop: started.stop, killSync: started.killSync };
  } catch (error) {
    await started.stop().catch(() => undefined);
    throw error;
  }
}

/** Paths and log folder; what an earlier, killed run left behind is stopped; every port must be free. */
async function prepareRun(opts: PlatformOptions): Promise<Run> {
  const t0 = Date.now();
  const root = opts.root ?? REPO_ROOT;
  const stateDir = resolve(root, opts.stateDir);
  const logDir = opts.serviceLogDir ? resolve(root, opts.serviceLogDir) : join(stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  await reapOrphans(join(stateDir, 'processes.json'), opts.log);

  const services = presentServices(opts.ports, root, opts.only);
  const busy = (await Promise.all(portsInUse(opts.ports, services).map(async (p) => ((await portAnswers(p.port)) ? p : null)))).filter((p) => p !== null);
  if (busy.length) {
    throw new Error(`already in use: ${busy.map((p) => `${p.port} (${p.name})`).join(', ')}; is another platform or test run up?`);
  }
  return { opts, ports: opts.ports, log: opts.log, root, stateDir, logDir, services, t0 };
}

/**
 * DynamoDB Local, s3rver and cognito-local (with the user pool), and the signing key, all at once:
 * DynamoDB Local (Java) is the slowest, ~3.5 s, and only the tables wait for it.
 */
function startEmulators(run: Run, started: Started): { dynamoReady: Promise<void>; ready: Promise<{ pool: CognitoSettings; key: SigningKey }> } {
  const dynamoReady = startDynamoStep(run, started);
  const s3Ready = startS3Step(run, started);
  const cognitoReady = startCognitoStep(run, started);
  // Awaited later; these guards only keep an early failure of one from being "unhandled"
  // while another is awaited (Node would exit at once instead of stopping what started).
  for (const p of [dynamoReady, s3Ready, cognitoReady]) p.catch(() => undefined);
  const ready = Promise.all([cognitoReady, ensureSigningKey(join(run.stateDir, 'keys')), s3Ready]).then(([pool, key]) => ({ pool, key }));
  return { dynamoReady, ready };
}

async function startDynamoStep(run: Run, started: Started): Promise<void> {
  const { opts, ports } = run;
  const settings = {
    port: ports.dynamodb,
    dataDir: opts.inMemoryDb ? undefined : join(run.stateDir, 'dynamodb'),
    logFile: join(run.logDir, 'dynamodb.log'),
  };
  const proc = await startDynamo({ ...settings, onSpawn: started.adopt });
  started.notStopped();
  started.watch(proc, 'DynamoDB Local', () => startDynamo({ ...settings, onSpawn: () => undefined }));
  const where = opts.inMemoryDb ? 'in memory' : `data in ${join(opts.stateDir, 'dynamodb')}`;
  run.log(`dynamodb  http://localhost:${ports.dynamodb} (${where}) after ${seconds(run.t0)} s`);
}

async function startS3Step(run: Run, started: Started): Promise<void> {
  const buckets = Object.values(BUCKETS);
  // The web apps are served by the gateway itself, so its own origin uploads too (the test ports' 13000...).
  const origins = [...new Set([...LOCAL_ORIGINS, `http://localhost:${run.ports.gateway}`])];
  const handle = await startS3({ port: run.ports.s3, directory: join(run.stateDir, 's3'), buckets, origins });
  started.s3 = handle;
  if (started.stopping) return void handle.close();
  run.log(`s3        http://localhost:${run.ports.s3} (buckets ${buckets.join(', ')})`);
}

async function startCognitoStep(run: Run, started: Started): Promise<CognitoSettings> {
  const { ports, stateDir } = run;
  const settings = {
    port: ports.cognito,
    root: run.root,
    stateDir: join(stateDir, 'cognito'),
    logFile: join(run.logDir, 'cognito.log'),
    onLine: confirmationCodeReader((found) => run.log(confirmationCodeLine(found))), // so a person can finish signing up
  };
  const proc = await startCognito({ ...settings, onSpawn: started.adopt });
  started.notStopped();
  started.watch(proc, 'cognito-local', () => startCognito({ ...settings, onSpawn: () => undefined }));
  const pool = await ensureUserPool(ports.cognito, join(stateDir, 'cognito.json'));
  run.log(`cognito   http://localhost:${ports.cognito} (pool ${pool.userPoolId}, client ${pool.clientId}${pool.created ? ', created' : ''})`);
  return pool;
}

/** Every handler bundled by one esbuild run (scripts/local/bundle.ts), or reused when its sources have not changed. */
async function bundleStep(run: Run): Promise<string> {
  const outDir = run.opts.bundleDir ? resolve(run.root, run.opts.bundleDir) : join(run.stateDir, 'bundles');
  const result = await bundleHandlers({ root: run.root, outDir, services: run.services.map((s) => s.name) });
  const how = result.built ? `bundled in ${(result.ms / 1000).toFixed(1)} s` : 'unchanged, reused';
  run.log(`bundles   ${result.functions} functions in ${relative(run.root, outDir)} (${how})`);
  return outDir;
}

/** The environment of every service (and of this process: the seed, the tests). */
function platformEnvironment(ports: PortPlan, pool: CognitoSettings, key: SigningKey, admin: { email: string; password: string }): Record<string, string> {
  return {
    STAGE,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DYNAMODB_ENDPOINT: `http://localhost:${ports.dynamodb}`,
    S3_ENDPOINT: `http://localhost:${ports.s3}`,
    COGNITO_ENDPOINT: `http://localhost:${ports.cognito}`,
    COGNITO_USER_POOL_ID: pool.userPoolId,
    COGNITO_CLIENT_ID: pool.clientId,
    COGNITO_ISSUER: pool.issuer,
    AUTH_JWKS: JSON.stringify(key.publicJwks),
    // The stage's secrets (the signing key, the cursor secret) as files, read at run time like
    // Secrets Manager on AWS (libs/src/secrets): no key material in any environment variable.
    SECRETS_DIR: key.dir,
    AUTH_ISSUER: `http://localhost:${ports.gateway}/auth`,
    AUTH_AUDIENCE: 'platform-api',
    CORS_ORIGINS: LOCAL_ORIGINS.join(','),
    TABLE_PREFIX: `platform-${STAGE}`,
    GIFT_IMAGES_BUCKET: BUCKETS.giftImages,
    LOAN_DOCUMENTS_BUCKET: BUCKETS.loanDocuments,
    PUBLIC_URL: `http://localhost:${ports.gateway}`,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // The pinned SDK warns on every process start that later releases need Node 22 (known: it is pinned to run on Node 20).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Every service's serverless-offline (scripts/local/service-runner.ts); resolves once all are up or given up. */
function bootServices(run: Run, started: Started, env: Record<string, string>): Promise<{ failed: string[] }> {
  const { root, logDir, log, opts } = run;
  const servicesReady = startServices(
    run.services,
    {
      ...{ root, logDir, env, corsOrigins: LOCAL_ORIGINS, log, echo: !!opts.echoServiceOutput, children: started.children, record: started.record },
      isStopping: () => started.stopping,
    },
    opts.concurrency,
  );
  servicesReady.catch(() => undefined);
  return servicesReady;
}

/**
 * Every table every service declares (resources/tables.json), then the admin user. The platform
 * creates the tables itself rather than through serverless-dynamodb's migration in the owning
 * services: see docs/infrastructure.md, "Local tables".
 */
async function prepareData(run: Run, admin: { email: string; password: string }): Promise<void> {
  const client = dynamoClient(run.ports.dynamodb);
  const tables = await ensureTables(client, STAGE, run.root).finally(() => client.destroy());
  const changes = tables.changes.length ? `; ${tables.changes.join(', ')}` : '';
  run.log(`tables    ${tables.created.length} created, ${tables.existing.length} existing${changes}`);
  await seedAdmin(run.root, admin, run.log);
}

/** The local stand-in for API Gateway, routing /<service>/... to each service. */
async function openGateway(run: Run): Promise<GatewayHandle> {
  const { ports, services } = run;
  const gateway = await startGateway({
    port: ports.gateway,
    routes: new Map(services.map((s) => [s.name as string, s.httpPort])),
    corsOrigins: LOCAL_ORIGINS,
    accessLog: createWriteStream(join(run.logDir, 'gateway.log'), { flags: 'a' }),
    reference: { root: run.root },
  });
  run.log(`gateway   http://localhost:${ports.gateway} -> ${services.map((s) => `/${s.name} :${s.httpPort}`).join(', ') || 'no services yet'}`);
  return gateway;
}

/** ensureAdmin from services/users/src/seed.ts, loaded through tsx (works under Jest's globalSetup too). */
async function seedAdmin(root: string, admin: { email: string; password: string }, log: (line: string) => void): Promise<void> {
  const seedFile = join(root, 'services', 'users', 'src', 'seed.ts');
  if (!existsSync(seedFile)) {
    log('admin     NOT seeded: services/users/src/seed.ts does not exist yet');
    return;
  }
  try {
    // require(), not import: tsx's scoped require transpiles TS and honours tsconfig paths
    const { require: tsxRequire } = require('tsx/cjs/api') as { require: (id: string, fromFile: string) => unknown };
    const seed = tsxRequire(seedFile, __filename) as { ensureAdmin(a: { email: string; password: string }): Promise<unknown> };
    await seed.ensureAdmin(admin);
    log(`admin     ${admin.email} / ${admin.password}`);
  } catch (error) {
    // A broken seed must not keep everyone else's platform down: say so loudly and go on.
    log(`admin     NOT seeded: ensureAdmin failed: ${(error as Error).stack ?? error}`);
  }
}
