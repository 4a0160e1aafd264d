/**
 * A closed-loop load generator: `clients` workers each send one request, wait for its answer and
 * send the next, until the duration is over. Latencies are measured around each call; throughput
 * is successful calls per second of wall time.
 */
import { performance } from 'node:perf_hooks';

/** One call; resolves true when it succeeded (2xx / no error). `client` and `seq` make ids unique. */
export type Call = (client: number, seq: number) => Promise<boolean>;

export interface Result {
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  /** successful calls per second */
  rps: number;
  firstError?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export async function drive(call: Call, clients: number, durationMs: number): Promise<Result> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let seq = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async (client: number) => {
    while (performance.now() < deadline) {
      const n = seq++;
      const t0 = performance.now();
      let ok = false;
      try {
        ok = await call(client, n);
      } catch (error) {
        firstError ??= String((error as Error).message ?? error).slice(0, 200);
      }
      const elapsed = performance.now() - t0;
      if (ok) latencies.push(elapsed);
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => worker(i)));
  const wall = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok: latencies.length, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: latencies.length / wall, firstError };
}

/** A short unmeasured run so workers, connections and JIT are warm before the measured one. */
export async function warm(call: Call, clients: number, durationMs: number): Promise<void> {
  await drive(call, clients, durationMs);
}
