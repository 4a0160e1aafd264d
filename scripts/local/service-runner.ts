import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS } from './gateway';
import { portAnswers, spawnNode, waitUntil, type Supervised } from './processes';
import type { ServiceEntry } from './services';
import { TS_LOADER_OPTION } from '../../config/ts-loader-option';

export interface ServiceRunContext {
  root: string;
  logDir: string;
  env: Record<string, string>;
  corsOrigins: string[];
  log(line: string): void;
  /** echo every output line as `[service] line` (npm start) */
  echo: boolean;
  children: Supervised[];
  record(): void;
  isStopping(): boolean;
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

function spawnService(service: ServiceEntry, ctx: ServiceRunContext): Supervised {
  const sls = join(ctx.root, 'node_modules', 'serverless', 'bin', 'serverless.js');
  // --noPrependStageInUrl: routes at /<service>/..., not /local/<service>/... (config/service.ts
  // sets it too, for `npx sls offline` alone). The cors* flags align serverless-offline's own
  // CORS (hapi) with the stage's policy; the command line wins over custom.serverless-offline.
  const args = ['offline', 'start', '--stage', 'local', '--httpPort', String(service.httpPort), '--lambdaPort', String(service.lambdaPort)];
  args.push('--host', '127.0.0.1', '--noPrependStageInUrl', '--corsAllowOrigin', ctx.corsOrigins.join(','));
  args.push('--corsAllowHeaders', CORS_ALLOW_HEADERS.replaceAll(' ', ''), '--corsExposedHeaders', CORS_EXPOSE_HEADERS.replaceAll(' ', ''));
  return spawnNode(service.name, sls, args, {
    cwd: service.dir,
    // ctx.env carries PLATFORM_BUNDLES: the platform's bundles (scripts/local/bundle.ts), loaded as they are.
    // DYNAMODB_LOCAL=platform: serverless-dynamodb neither starts DynamoDB Local nor migrates
    // (config/dynamodb-local.ts): the platform has started it and creates the tables.
    // NODE_OPTIONS --import: a load hook that mends a serverless-offline defect (offline-fixes-hooks.mjs).
    // SLS_LOG_LEVEL warning: serverless-offline's own lines per request (route, authorizer, duration; 6 a
    // request) are not written; the functions' log lines, warnings and errors are. SLS_LOG_LEVEL=notice shows them.
    env: {
      SLS_LOG_LEVEL: 'warning',
      ...process.env,
      ...ctx.env,
      DYNAMODB_LOCAL: 'platform',
      NODE_OPTIONS: offlineNodeOptions(),
    },
    logFile: join(ctx.logDir, `${service.name}.log`),
    echo: ctx.echo ? (line) => ctx.log(`[${service.name}] ${line}`) : undefined,
  });
}

/** The environment's NODE_OPTIONS plus the load hook (its path as a file URL: spaces and all) and serverless.ts's loader. */
function offlineNodeOptions(): string {
  const hook = `--import=${pathToFileURL(join(__dirname, 'offline-fixes.mjs')).href}`;
  return [process.env.NODE_OPTIONS, hook, TS_LOADER_OPTION].filter(Boolean).join(' ');
}

const describeDeath = (proc: Supervised, why: string) => `${why}\n    ${proc.tail().slice(-15).join('\n    ')}`;

/**
 * Starts one serverless-offline and resolves once its port answers; rejects if it dies first.
 * Policy once it is up: a service that exits on its own is restarted once; if it dies again it
 * stays down (the gateway answers 503 for it) and says so, while the rest of the platform goes on.
 */
async function bootService(service: ServiceEntry, ctx: ServiceRunContext, restartsLeft: number): Promise<void> {
  const started = Date.now();
  if (ctx.isStopping()) throw new Error('start-up interrupted');
  const proc = spawnService(service, ctx);
  ctx.children.push(proc);
  ctx.record();
  let ready = false;
  void proc.exited.then(async ({ code, signal }) => {
    ctx.children.splice(ctx.children.indexOf(proc), 1);
    ctx.record();
    if (!ready || proc.stopping || ctx.isStopping()) return;
    const logFile = join(ctx.logDir, `${service.name}.log`);
    if (restartsLeft <= 0) {
      ctx.log(describeDeath(proc, `${service.name} is DOWN: it exited again (code ${code}, signal ${signal}); /${service.name} answers 503. Log: ${logFile}`));
      return;
    }
    ctx.log(describeDeath(proc, `${service.name} exited unexpectedly (code ${code}, signal ${signal}); restarting it once. Log: ${logFile}`));
    await bootService(service, ctx, restartsLeft - 1).catch((e: Error) => ctx.log(`${service.name} is DOWN: ${e.message}`));
  });
  try {
    await waitUntil(`${service.name} (serverless-offline on ${service.httpPort})`, () => portAnswers(service.httpPort), {
      timeoutMs: 180_000,
      intervalMs: 250,
      process: proc,
    });
  } catch (error) {
    await proc.stop();
    throw new Error(describeDeath(proc, (error as Error).message));
  }
  ready = true;
  ctx.log(`service   ${service.name.padEnd(10)} http://localhost:${service.httpPort} (lambda ${service.lambdaPort}) up in ${seconds(started)} s`);
}

/**
 * Boots the services, `concurrency` at a time (default all at once: measured fastest on 2 cores).
 * A service that fails to boot (an error in its serverless.ts, a failed bundle) does not
 * keep the others down: it is reported in `failed`, with the end of its output.
 */
export async function startServices(services: ServiceEntry[], ctx: ServiceRunContext, concurrency?: number): Promise<{ failed: string[] }> {
  const queue = [...services];
  const failed: string[] = [];
  const lanes = Math.max(1, Math.min(concurrency ?? services.length, services.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (ctx.isStopping()) return;
        const service = next;
        await bootService(service, ctx, 1).catch((error: Error) => {
          failed.push(service.name);
          if (!ctx.isStopping()) ctx.log(`service   ${service.name} FAILED to start: ${error.message}`);
        });
      }
    }),
  );
  return { failed };
}
