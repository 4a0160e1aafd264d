/**
 * `logs <service> [-f fn] [--since 10m]`: a thin wrapper over `sls logs -t` for the stage. Without
 * -f it tails every function of the service at once, each line prefixed with the function name.
 * On the local stage every function of a service writes to .local/logs/<service>.log: that file
 * is followed instead (`--once` prints the recent lines and exits).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, watchFile } from 'node:fs';
import { join } from 'node:path';
import type { OpsContext } from './context';
import { runSls, serviceDir } from './sls';

const LOCAL_RECENT_LINES = 40;

function followLocal(ctx: OpsContext, service: string, opts: { once: boolean; logDir?: string }): Promise<number> {
  const file = join(opts.logDir ?? join(ctx.root, '.local', 'logs'), `${service}.log`);
  if (!existsSync(file)) throw new Error(`${file} does not exist: has \`npm start\` run this service yet?`);
  const recent = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-LOCAL_RECENT_LINES);
  for (const line of recent) ctx.log(line);
  if (opts.once) return Promise.resolve(0);
  ctx.log(`--- following ${file} (Ctrl-C stops) ---`);
  let offset = statSync(file).size;
  watchFile(file, { interval: 500 }, (current) => {
    if (current.size < offset) offset = 0; // the log was truncated: start over
    if (current.size === offset) return;
    const fd = openSync(file, 'r');
    const buffer = Buffer.alloc(current.size - offset);
    readSync(fd, buffer, 0, buffer.length, offset);
    closeSync(fd);
    offset = current.size;
    process.stdout.write(buffer);
  });
  return new Promise(() => undefined); // until Ctrl-C
}

/** The service's function names, as the framework reads them (`sls print`, offline). */
async function functionNames(ctx: OpsContext, service: string): Promise<string[]> {
  const { code, output } = await runSls(ctx, service, ['print', '--path', 'functions', '--format', 'json'], { capture: true });
  const json = output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1);
  if (code !== 0 || !json) throw new Error(`sls print failed in services/${service}:\n${output.slice(-2000)}`);
  return Object.keys(JSON.parse(json));
}

export async function logs(ctx: OpsContext, opts: { service: string; fn?: string; since?: string; once: boolean; logDir?: string }): Promise<number> {
  serviceDir(ctx, opts.service);
  if (ctx.isLocal) {
    if (opts.fn) ctx.log(`(local: every function of ${opts.service} writes to one log; -f ${opts.fn} is for AWS stages)`);
    return followLocal(ctx, opts.service, opts);
  }
  const extra = [...(opts.since ? ['--startTime', opts.since] : []), ...(opts.once ? [] : ['-t'])];
  if (opts.fn) return (await runSls(ctx, opts.service, ['logs', '-f', opts.fn, ...extra])).code;
  const names = await functionNames(ctx, opts.service);
  ctx.log(`tailing ${names.length} functions of ${opts.service} (${ctx.stage}): ${names.join(', ')}`);
  const bin = join(ctx.root, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const codes = await Promise.all(
    names.map(
      (fn) =>
        new Promise<number>((resolve) => {
          const child = spawn(process.execPath, [bin, 'logs', '-f', fn, ...extra, '--stage', ctx.stage], {
            cwd: serviceDir(ctx, opts.service),
            env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
          });
          const prefix = (chunk: Buffer) =>
            `${chunk
              .toString()
              .split('\n')
              .filter(Boolean)
              .map((l) => `[${fn}] ${l}`)
              .join('\n')}\n`;
          child.stdout.on('data', (d: Buffer) => process.stdout.write(prefix(d)));
          child.stderr.on('data', (d: Buffer) => process.stderr.write(prefix(d)));
          child.on('close', (code) => resolve(code ?? 1));
        }),
    ),
  );
  return Math.max(0, ...codes);
}
