/** What `npm run bench` prints: a header that says how trustworthy the numbers are, then the tables. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { ColdResult } from './cold';
import type { Result } from './load';

export interface Row {
  route: string;
  clients: number;
  http: Result;
  raw: Result;
}

/** The budgets of docs/performance.md */
export const BUDGET = { throughputRatio: 0.5, serialP50ExtraMs: 5, bundleBytes: 1024 * 1024, coldRatio: 1.5 };

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

/** Other processes using a lot of CPU right now (the benchmark has not started anything yet). */
function busyProcesses(): string[] {
  // this process and its ancestors (npm, tsx) are not "another heavy process"
  const mine = new Set<number>();
  for (let pid = process.pid; pid > 1 && !mine.has(pid); ) {
    mine.add(pid);
    try {
      pid = Number(
        readFileSync(`/proc/${pid}/stat`, 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ')[1],
      );
    } catch {
      break;
    }
  }
  try {
    const out = execFileSync('ps', ['-eo', 'pid,pcpu,comm', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter(([pid, cpu, comm]) => pid && Number(cpu) >= 20 && !mine.has(Number(pid)) && comm !== 'ps')
      .map(([pid, cpu, comm]) => `${comm} (pid ${pid}, ${cpu}% cpu)`);
  } catch {
    return [];
  }
}

export function header(log: (s: string) => void, o: { mode: string; durationMs: number; warmMs: number; coldReps: number }): void {
  const [l1, l5, l15] = loadavg();
  const cores = cpus().length;
  const busy = busyProcesses();
  log(`# npm run bench  ${new Date().toISOString()}  node ${process.version}  ${cores} cores`);
  log(`# load average ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}; ${o.mode}`);
  log(`# ${o.durationMs / 1000} s per scenario after ${o.warmMs / 1000} s warm-up; cold start: median of ${o.coldReps} fresh processes`);
  if (l1 > cores * 0.5 || busy.length) {
    log(`# WARNING: the machine is busy${busy.length ? ` (${busy.slice(0, 5).join(', ')})` : ''}: these numbers are noisy; rerun when it is idle`);
  }
}

export function printWarm(log: (s: string) => void, rows: Row[]): void {
  log('## Warm: through the gateway (HTTP) vs raw DynamoDB Local, same calls');
  log('route                       c |  HTTP p50    p99   req/s  err |   raw p50    p99   req/s |  thr ratio  p50 diff | verdict');
  for (const r of rows) {
    const ratio = r.http.rps / r.raw.rps;
    const diff = r.http.p50 - r.raw.p50;
    const thrOk = ratio >= BUDGET.throughputRatio;
    const p50Ok = r.clients !== 1 || diff <= BUDGET.serialP50ExtraMs;
    const why = [!thrOk && `thr < ${BUDGET.throughputRatio}x`, !p50Ok && `p50 > raw+${BUDGET.serialP50ExtraMs}ms`].filter(Boolean).join(', ');
    log(
      `${r.route.padEnd(26)} ${String(r.clients).padStart(2)} | ${ms(r.http.p50).padStart(8)} ${ms(r.http.p99).padStart(6)} ${r.http.rps.toFixed(1).padStart(7)} ${String(r.http.failed).padStart(4)} | ` +
        `${ms(r.raw.p50).padStart(8)} ${ms(r.raw.p99).padStart(6)} ${r.raw.rps.toFixed(1).padStart(7)} | ${ratio.toFixed(2).padStart(9)}x ${(diff >= 0 ? '+' : '') + ms(diff)}ms`.padEnd(
          0,
        ) +
        ` | ${thrOk && p50Ok ? 'PASS' : 'FAIL'}${why ? ` (${why})` : ''}`,
    );
    if (r.http.firstError) log(`    first HTTP error: ${r.http.firstError}`);
    if (r.raw.firstError) log(`    first raw error: ${r.raw.firstError}`);
  }
  log(
    `(c = concurrent clients; budget: HTTP throughput >= ${BUDGET.throughputRatio}x raw; at c=1 HTTP p50 <= raw p50 + ${BUDGET.serialP50ExtraMs} ms; ms are milliseconds)`,
  );
}

export function printCold(log: (s: string) => void, results: ColdResult[]): void {
  const bare = results.find((r) => r.name.startsWith('bare (document client only)'));
  log('\n## Cold start: bundle size, and require + first answer in a fresh node process (median)');
  log('bundle                          size KiB | require ms  +answer ms | vs bare | verdict');
  for (const r of results) {
    const isBare = r.name.startsWith('bare');
    const ratio = bare ? r.totalMs / bare.totalMs : NaN;
    const sizeOk = r.bytes < BUDGET.bundleBytes;
    const timeOk = isBare || ratio <= BUDGET.coldRatio;
    const why = [!sizeOk && 'size >= 1 MiB', !timeOk && `> ${BUDGET.coldRatio}x bare`].filter(Boolean).join(', ');
    log(
      `${r.name.padEnd(30)} ${(r.bytes / 1024).toFixed(0).padStart(9)} | ${ms(r.requireMs).padStart(10)} ${ms(r.totalMs).padStart(11)} | ${`${ratio.toFixed(2)}x`.padStart(7)} | ` +
        `${isBare ? 'reference' : sizeOk && timeOk ? 'PASS' : 'FAIL'}${why ? ` (${why})` : ''}${String(r.status).startsWith('2') ? '' : ` [answered ${r.status}]`}`,
    );
  }
  log(
    `(budget: every bundle < 1 MiB; require + first answer <= ${BUDGET.coldRatio}x the bare bundle, which builds a document client and answers without calling DynamoDB)`,
  );
}
