import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthFromLogFile, parseWindow, percentile, renderHealth } from './health';

describe('ops health', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'health-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['30m', 30 * 60_000],
    ['1h', 3_600_000],
    ['7d', 7 * 86_400_000],
  ])('reads the window %s', (text, ms) => expect(parseWindow(text)).toBe(ms));

  it.each(['', '1', '0h', '1w', '-1h', '1.5h'])('refuses the window "%s"', (text) => expect(() => parseWindow(text)).toThrow(RangeError));

  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile([7], 95), percentile([], 50)]).toEqual([50, 95, 7, null]);
  });

  it('counts only request lines inside the window: 5xx as errors, 4xx apart, latency from durationMs', async () => {
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const lines = [
      'POST /loans/apply (λ: apply)',
      JSON.stringify({ time: at(5), level: 'info', msg: 'request', service: 'loans', status: 201, durationMs: 40 }),
      JSON.stringify({ time: at(10), level: 'info', msg: 'request', service: 'loans', status: 500, durationMs: 900 }),
      JSON.stringify({ time: at(20), level: 'info', msg: 'request', service: 'loans', status: 404, durationMs: 10 }),
      JSON.stringify({ time: at(15), level: 'error', msg: 'unhandled error', service: 'loans' }),
      JSON.stringify({ time: at(120), level: 'info', msg: 'request', service: 'loans', status: 500, durationMs: 5000 }),
      '{ not json',
    ];
    const file = join(dir, 'loans.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const health = await healthFromLogFile('loans', file, new Date(now - 3_600_000));
    expect(health).toEqual({ service: 'loans', requests: 3, errors: 1, clientErrors: 1, p50: 40, p95: 900 });
    expect(renderHealth([health], '1h')).toMatch(/loans\s+3\s+1\s+33\.3 %\s+1\s+40\s+900\s+ERROR RATE > 1 %/);
  });

  it('says when a service has no log yet', async () => {
    expect((await healthFromLogFile('gifts', join(dir, 'gifts.log'), new Date())).note).toBe('no log yet');
  });
});
