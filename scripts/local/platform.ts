import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { presentServices, portsInUse, REPO_ROOT, type PortPlan, type ServiceEntry } from './services';
import { ensureTables } from './tables';
import { dynamoClient, ensureSigningKey, ensureUserPool, startCognito, startDynamo, startS3, type S3Handle } from './infra';
import { startGateway, type GatewayHandle } from './gateway';
import { portAnswers, reapOrphans, recordProcesses, type Supervised } from './processes';
import { startServices } from './service-runner';

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
  /** called when something cannot be recovered: an emulator (DynamoDB Local, cognito-local) died */
  onFatal?: (reason: string) => void;
  /** a different checkout (throwaway services while measuring); default: this repository */
  root?: string;
  /** start only these services (default: every one with a serverless.yml) */
  only?: readonly string[];
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

export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const t0 = Date.now();
  const { ports, log } = opts;
  const root = opts.root ?? REPO_ROOT;
  const stateDir = resolve(root, opts.stateDir);
  const logDir = opts.serviceLogDir ? resolve(root, opts.serviceLogDir) : join(stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const recordFile = join(stateDir, 'processes.json');
  await reapOrphans(recordFile, log);

  const services = presentServices(ports, root, opts.only);
  const busy = (await Promise.all(portsInUse(ports, services).map(async (p) => ((await portAnswers(p.port)) ? p : null)))).filter(Boolean);
  if (busy.length) {
    throw new Error(`already in use: ${busy.map((p) => `${p!.port} (${p!.name})`).join(', ')}; is another platform or test run up?`);
  }

  const children: Supervised[] = [];
  let s3: S3Handle | undefined;
  let gateway: GatewayHandle | undefined;
  let stopping = false;
  const record = () => recordProcesses(recordFile, children);
  const fatal = (reason: string) => (stopping ? undefined : opts.onFatal ? opts.onFatal(reason) : log(`FATAL: ${reason}`));
  const watch = (proc: Supervised, label: string) =>
    void proc.exited.then(({ code, signal }) => !proc.stopping && fatal(`${label} exited unexpectedly (code ${code}, signal ${signal})`));

  const stop = async () => {
    stopping = true;
    await gateway?.close();
    const serviceProcs = children.filter((c) => c.name !== 'dynamodb' && c.name !== 'cognito');
    await Promise.all(serviceProcs.map((c) => c.stop()));
    await Promise.all(children.filter((c) => !serviceProcs.includes(c)).map((c) => c.stop()));
    await s3?.close();
    record();
  };

  opts.signal?.addEventListener('abort', () => void stop());
  const adopt = (proc: Supervised) => {
    children.push(proc);
    record();
  };
  const notStopped = () => {
    if (stopping) throw new Error('start-up interrupted');
  };

  try {
    // The emulators boot concurrently: DynamoDB Local (Java) is the slowest, ~3.5 s.
    const dynamoReady = startDynamo({
      port: ports.dynamodb,
      dataDir: opts.inMemoryDb ? undefined : join(stateDir, 'dynamodb'),
      logFile: join(logDir, 'dynamodb.log'),
      onSpawn: adopt,
    }).then((proc) => {
      notStopped();
      watch(proc, 'DynamoDB Local');
      log(`dynamodb  http://localhost:${ports.dynamodb} (${opts.inMemoryDb ? 'in memory' : 'data in ' + join(opts.stateDir, 'dynamodb')}) after ${seconds(t0)} s`);
    });
    const s3Ready = startS3({ port: ports.s3, directory: join(stateDir, 's3'), buckets: Object.values(BUCKETS), origins: LOCAL_ORIGINS }).then((h) => {
      s3 = h;
      if (stopping) return void h.close();
      log(`s3        http://localhost:${ports.s3} (buckets ${Object.values(BUCKETS).join(', ')})`);
    });
    const cognitoReady = startCognito({
      port: ports.cognito,
      root,
      stateDir: join(stateDir, 'cognito'),
      logFile: join(logDir, 'cognito.log'),
      onSpawn: adopt,
    }).then(
      async (proc) => {
        notStopped();
        watch(proc, 'cognito-local');
        const pool = await ensureUserPool(ports.cognito, join(stateDir, 'cognito.json'));
        log(`cognito   http://localhost:${ports.cognito} (pool ${pool.userPoolId}, client ${pool.clientId}${pool.created ? ', created' : ''})`);
        return pool;
      },
    );
    // Awaited below; these guards only keep an early failure of one from being "unhandled"
    // while another is awaited (Node would exit at once instead of stopping what started).
    for (const p of [dynamoReady, s3Ready, cognitoReady]) p.catch(() => undefined);
    const [pool, key] = await Promise.all([cognitoReady, ensureSigningKey(join(stateDir, 'keys', 'signing-key.json')), s3Ready]);

    const admin = { email: process.env.ADMIN_EMAIL || LOCAL_ADMIN.email, password: process.env.ADMIN_PASSWORD || LOCAL_ADMIN.password };
    const env: Record<string, string> = {
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
      AUTH_SIGNING_KEY: JSON.stringify(key.privateJwk),
      AUTH_JWKS: JSON.stringify(key.publicJwks),
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
      // The pinned SDK warns on every process start that later releases need Node 22 (known, see TOOLCHAIN.md).
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    // The seed (in this process) and everything spawned from here on read these.
    Object.assign(process.env, env);

    // Services only need the environment to boot, not the tables: bundle and boot them while
    // DynamoDB finishes starting and the tables and the admin are prepared.
    const servicesReady = startServices(
      services,
      {
        ...{ root, logDir, env, corsOrigins: LOCAL_ORIGINS, log, echo: !!opts.echoServiceOutput, children, record },
        esbuildWorkFolder: `.esbuild/${basename(stateDir).replace(/^\./, '')}`,
        isStopping: () => stopping,
      },
      opts.concurrency,
    );
    servicesReady.catch(() => undefined);
    await dynamoReady;
    const client = dynamoClient(ports.dynamodb);
    const tables = await ensureTables(client, STAGE, root).finally(() => client.destroy());
    log(`tables    ${tables.created.length} created, ${tables.existing.length} existing${tables.changes.length ? '; ' + tables.changes.join(', ') : ''}`);
    await seedAdmin(root, admin, log);
    const { failed } = await servicesReady;
    notStopped();

    const routes = new Map(services.map((s) => [s.name as string, s.httpPort]));
    gateway = await startGateway({
      port: ports.gateway,
      routes,
      corsOrigins: LOCAL_ORIGINS,
      accessLog: createWriteStream(join(logDir, 'gateway.log'), { flags: 'a' }),
    });
    log(`gateway   http://localhost:${ports.gateway} -> ${services.map((s) => `/${s.name} :${s.httpPort}`).join(', ') || 'no services yet'}`);
    if (failed.length) log(`NOT running: ${failed.join(', ')} (see above and ${join(logDir, '<service>.log')})`);
    log(`ready in ${seconds(t0)} s`);
    return { env, services, failed, stop, killSync: () => children.forEach((c) => c.killSync()) };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** ensureAdmin from services/users/src/seed.ts, loaded through tsx (works under Jest's globalSetup too). */
async function seedAdmin(root: string, admin: { email: string; password: string }, log: (line: string) => void): Promise<void> {
  const seedFile = join(root, 'services', 'users', 'src', 'seed.ts');
  if (!existsSync(seedFile)) {
    log('admin     NOT seeded: services/users/src/seed.ts does not exist yet');
    return;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- tsx's scoped require transpiles TS and honours tsconfig paths
    const { require: tsxRequire } = require('tsx/cjs/api') as { require: (id: string, fromFile: string) => unknown };
    const seed = tsxRequire(seedFile, __filename) as { ensureAdmin(a: { email: string; password: string }): Promise<unknown> };
    await seed.ensureAdmin(admin);
    log(`admin     ${admin.email} / ${admin.password}`);
  } catch (error) {
    // A broken seed must not keep everyone else's platform down: say so loudly and go on.
    log(`admin     NOT seeded: ensureAdmin failed: ${(error as Error).stack ?? error}`);
  }
}
