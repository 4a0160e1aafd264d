/**
 * `health [--since 1h]`: per service, requests, 5xx errors, 4xx, and p50/p95 latency over a
 * window, from the structured request logs (one JSON line per request: {time, msg: 'request',
 * service, status, durationMs}). Locally from .local/logs/<service>.log; on AWS stages from
 * CloudWatch Logs Insights over the service's Lambda log groups (through the AWS CLI).
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { SERVICE_NAMES } from '../local/services';
import type { OpsContext } from './context';

export interface ServiceHealth {
  service: string;
  requests: number;
  errors: number; // 5xx
  clientErrors: number; // 4xx
  p50: number | null;
  p95: number | null;
  note?: string;
}

/** "90m", "1h", "2d" -> milliseconds; anything else is a usage error. */
export function parseWindow(text: string): number {
  const match = /^(\d+)(m|h|d)$/.exec(text);
  if (!match || Number(match[1]) === 0) throw new RangeError(`--since must look like 30m, 1h or 7d (got "${text}")`);
  return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function healthFromLogFile(service: string, file: string, since: Date): Promise<ServiceHealth> {
  const result: ServiceHealth = { service, requests: 0, errors: 0, clientErrors: 0, p50: null, p95: null };
  if (!existsSync(file)) return { ...result, note: 'no log yet' };
  const durations: number[] = [];
  // Service logs mix serverless-offline's own lines with ours: only JSON request lines count.
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.startsWith('{')) continue;
    let entry: { time?: string; msg?: string; status?: number; durationMs?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (entry.msg !== 'request' || !entry.time || new Date(entry.time) < since) continue;
    result.requests++;
    if ((entry.status ?? 0) >= 500) result.errors++;
    else if ((entry.status ?? 0) >= 400) result.clientErrors++;
    if (typeof entry.durationMs === 'number') durations.push(entry.durationMs);
  }
  durations.sort((a, b) => a - b);
  return { ...result, p50: percentile(durations, 50), p95: percentile(durations, 95) };
}

// ------------------------------------------------------------------ AWS: CloudWatch Logs Insights

const run = promisify(execFile);
async function aws(args: string[]) {
  try {
    return JSON.parse((await run('aws', [...args, '--output', 'json'], { maxBuffer: 16 << 20 })).stdout);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('health on AWS stages reads CloudWatch Logs Insights through the AWS CLI: install `aws` and sign in');
    throw new Error(`aws ${args.slice(0, 2).join(' ')}: ${(e.stderr || e.message).trim()}`);
  }
}
// Comparisons are allowed in `filter` only, so errors and client errors are queries of their own.
const QUERIES = {
  all: "filter msg = 'request' | stats count(*) as requests, pct(durationMs, 50) as p50, pct(durationMs, 95) as p95",
  errors: "filter msg = 'request' and status >= 500 | stats count(*) as errors",
  clientErrors: "filter msg = 'request' and status >= 400 and status < 500 | stats count(*) as clientErrors",
};

/** One Logs Insights query over the groups; its first result row as numbers. */
async function insights(ctx: OpsContext, groups: string[], query: string, since: Date): Promise<Record<string, number>> {
  const { queryId } = await aws([
    'logs',
    'start-query',
    '--region',
    ctx.region,
    '--log-group-names',
    ...groups.slice(0, 50),
    '--start-time',
    String(Math.floor(since.getTime() / 1000)),
    '--end-time',
    String(Math.floor(Date.now() / 1000)),
    '--query-string',
    query,
  ]);
  for (let attempt = 0; attempt < 120; attempt++) {
    const answer = await aws(['logs', 'get-query-results', '--region', ctx.region, '--query-id', queryId]);
    if (answer.status === 'Complete')
      return Object.fromEntries((answer.results[0] ?? []).map((f: { field: string; value: string }) => [f.field, Number(f.value)]));
    if (['Failed', 'Cancelled', 'Timeout'].includes(answer.status)) throw new Error(`Logs Insights query: ${answer.status}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('a Logs Insights query did not finish in 2 minutes');
}

async function healthFromInsights(ctx: OpsContext, service: string, since: Date): Promise<ServiceHealth> {
  const empty: ServiceHealth = { service, requests: 0, errors: 0, clientErrors: 0, p50: null, p95: null };
  const groups: string[] = (
    await aws(['logs', 'describe-log-groups', '--region', ctx.region, '--log-group-name-prefix', `/aws/lambda/${service}-${ctx.stage}-`])
  ).logGroups.map((g: { logGroupName: string }) => g.logGroupName);
  if (!groups.length) return { ...empty, note: 'no log groups (not deployed?)' };
  const [all, errors, clientErrors] = await Promise.all([QUERIES.all, QUERIES.errors, QUERIES.clientErrors].map((q) => insights(ctx, groups, q, since)));
  return {
    service,
    requests: all.requests ?? 0,
    errors: errors.errors ?? 0,
    clientErrors: clientErrors.clientErrors ?? 0,
    p50: all.p50 ?? null,
    p95: all.p95 ?? null,
  };
}

// ------------------------------------------------------------------ the table

export function renderHealth(rows: ServiceHealth[], windowText: string): string {
  const ms = (v: number | null) => (v === null ? '-' : String(Math.round(v)));
  const pct = (r: ServiceHealth) => (r.requests ? `${((100 * r.errors) / r.requests).toFixed(1)} %` : '-');
  const header = ['service', 'requests', '5xx', '5xx rate', '4xx', 'p50 ms', 'p95 ms', ''];
  const lines = rows.map((r) => [
    r.service,
    String(r.requests),
    String(r.errors),
    pct(r),
    String(r.clientErrors),
    ms(r.p50),
    ms(r.p95),
    r.note ?? (r.requests && r.errors / r.requests > 0.01 ? 'ERROR RATE > 1 %' : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [`last ${windowText}:`, format(header), ...lines.map(format)].join('\n');
}

export async function health(ctx: OpsContext, opts: { since: string; logDir?: string }): Promise<ServiceHealth[]> {
  const since = new Date(Date.now() - parseWindow(opts.since));
  const logDir = opts.logDir ?? join(ctx.root, '.local', 'logs');
  const rows = [];
  for (const service of SERVICE_NAMES) {
    rows.push(ctx.isLocal ? await healthFromLogFile(service, join(logDir, `${service}.log`), since) : await healthFromInsights(ctx, service, since));
  }
  ctx.log(renderHealth(rows, opts.since));
  return rows;
}
