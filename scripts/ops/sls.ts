/** The Serverless Framework CLI of this repository, run in one service's folder for a stage. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OpsContext } from './context';

export function serviceDir(ctx: OpsContext, service: string): string {
  const dir = join(ctx.root, 'services', service);
  if (!existsSync(join(dir, 'serverless.ts'))) throw new Error(`no service "${service}" (services/${service}/serverless.ts)`);
  return dir;
}

/** Runs `sls <args> --stage <stage>` with the terminal attached; resolves with its exit code. */
export function runSls(ctx: OpsContext, service: string, args: string[], opts: { capture?: boolean } = {}): Promise<{ code: number; output: string }> {
  const bin = join(ctx.root, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const child = spawn(process.execPath, [bin, ...args, '--stage', ctx.stage], {
    cwd: serviceDir(ctx, service),
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    stdio: opts.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
