/**
 * `sls package` for several services, N at a time, without AWS credentials. Used by
 * `npm run package` and by the template tests' globalSetup, which reuses a service's template
 * when neither its inputs nor the template changed since it was packaged (a stamp beside it).
 */
import { spawn } from 'node:child_process';
import { TS_LOADER_OPTION } from '../../config/ts-loader-option';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const SLS = join(REPO_ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');
/** Resources every other service refers to: packaged (and deployed) first. */
const FIRST = 'platform-resources';

export interface PackageResult {
  service: string;
  ok: boolean;
  reused: boolean;
  ms: number;
  template: string;
  output: string;
}

export const templatePath = (service: string, root = REPO_ROOT): string =>
  join(root, 'services', service, '.serverless', 'cloudformation-template-update-stack.json');
const stampPath = (service: string, root: string) => join(root, 'services', service, '.serverless', 'platform-package-stamp.json');

/** Every service with a serverless.ts, platform-resources first. */
export function serviceNames(root = REPO_ROOT): string[] {
  const dir = join(root, 'services');
  const names = readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, 'serverless.ts')))
    .sort();
  return [...names.filter((n) => n === FIRST), ...names.filter((n) => n !== FIRST)];
}

const SKIP_DIRS = new Set(['.serverless', '.esbuild', 'node_modules', 'test', '.git']);

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir).sort()) {
    if (SKIP_DIRS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else hash.update(path).update(readFileSync(path));
  }
}

/**
 * What a template is made from: the service (its serverless.ts, resources and handlers), the
 * shared config and the pinned tools. libs/src is left out: it changes the bundles in the zips,
 * never the CloudFormation the tests read (`npm run package` always packages anyway).
 */
function inputsHash(service: string, stage: string, root: string, env: NodeJS.ProcessEnv): string {
  const stageEnv = Object.entries(env)
    .filter(([key]) => STAGE_ENV.test(key))
    .sort();
  const hash = createHash('sha256').update(`stage=${stage}\n${JSON.stringify(stageEnv)}\n`);
  for (const dir of [join('services', service), 'config']) hashTree(hash, join(root, dir));
  for (const file of ['package-lock.json', 'tsconfig.base.json']) if (existsSync(join(root, file))) hash.update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function isFresh(service: string, stage: string, root: string, inputs: string): boolean {
  const stamp = stampPath(service, root);
  const template = templatePath(service, root);
  if (!existsSync(stamp) || !existsSync(template)) return false;
  const saved = JSON.parse(readFileSync(stamp, 'utf8')) as { stage: string; inputs: string; template: string };
  // Someone may have run `sls package --stage dev` since: the template's own hash tells.
  return saved.stage === stage && saved.inputs === inputs && saved.template === sha256(template);
}

// What config/stages.yml reads from the environment: set by a running local platform (the
// integration tests' globalSetup puts its values in process.env), not wanted in a prod template.
const STAGE_ENV =
  /^(AUTH_|COGNITO_|ADMIN_|SECRETS_|DYNAMODB_ENDPOINT$|S3_ENDPOINT$|PUBLIC_URL$|PUBLIC_ORIGIN$|DOMAIN_NAME$|CERTIFICATE_ARN$|ALARM_EMAIL$|AWS_CALL_LOG$)/;

/** The environment of a child `sls`: no AWS credentials of any kind, no telemetry. */
function offlineEnv(dropStageEnv: boolean, settings: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_SDK_LOAD_CONFIG: '0' };
  if (dropStageEnv) for (const key of Object.keys(env)) if (STAGE_ENV.test(key)) delete env[key];
  Object.assign(env, settings);
  for (const key of Object.keys(env))
    if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|DEFAULT_PROFILE|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN)$/.test(key)) delete env[key];
  // serverless.ts through esbuild's transform rather than ts-node (config/ts-loader.cjs).
  env.NODE_OPTIONS = [env.NODE_OPTIONS, TS_LOADER_OPTION].filter(Boolean).join(' ');
  env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
  env.AWS_CONFIG_FILE = '/dev/null';
  return env;
}

function runPackage(service: string, stage: string, root: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [SLS, 'package', '--stage', stage], { cwd: join(root, 'services', service), env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ ok: code === 0, output });
    });
    child.on('error', (e) => resolvePromise({ ok: false, output: String(e) }));
  });
}

export async function packageServices(opts: {
  stage: string;
  services?: string[];
  concurrency?: number;
  reuseFresh?: boolean;
  /** package with config/stages.yml's own values, whatever the environment says (the tests) */
  dropStageEnv?: boolean;
  /** the stage's settings (PUBLIC_ORIGIN, COGNITO_USER_POOL_ID, ...), over the environment's */
  settings?: Record<string, string>;
  root?: string;
  onDone?: (result: PackageResult) => void;
}): Promise<PackageResult[]> {
  const root = opts.root ?? REPO_ROOT;
  const queue = [...(opts.services ?? serviceNames(root))];
  const results: PackageResult[] = [];
  const env = offlineEnv(!!opts.dropStageEnv, opts.settings);
  const worker = async () => {
    for (let service = queue.shift(); service; service = queue.shift()) {
      const started = Date.now();
      const inputs = inputsHash(service, opts.stage, root, env);
      const template = templatePath(service, root);
      let result: PackageResult;
      if (opts.reuseFresh && isFresh(service, opts.stage, root, inputs)) {
        result = { service, ok: true, reused: true, ms: Date.now() - started, template, output: '' };
      } else {
        const run = await runPackage(service, opts.stage, root, env);
        if (run.ok) writeFileSync(stampPath(service, root), `${JSON.stringify({ stage: opts.stage, inputs, template: sha256(template) })}\n`);
        result = { service, ok: run.ok, reused: false, ms: Date.now() - started, template, output: run.output };
      }
      results.push(result);
      opts.onDone?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
  return results;
}
