/**
 * The emulator supervisor of `npm start` (keepRunning): a real child process killed with SIGKILL
 * comes back as a new process, the platform says so, a stop is not mistaken for a crash, and a
 * crash loop gives up.
 */
import { keepRunning, spawnNode, type Supervised } from './processes';

const IDLE = ['-e', 'setInterval(() => {}, 1000)'];
const startIdle = async (): Promise<Supervised> => spawnNode('idle', IDLE[0], IDLE.slice(1), { cwd: __dirname, env: process.env });

const until = async (what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> => {
  for (const t0 = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
  }
};

describe('keepRunning (the emulator supervisor)', () => {
  const started: Supervised[] = [];
  let stopping = false;
  const track = async () => {
    const p = await startIdle();
    started.push(p);
    return p;
  };

  afterEach(async () => {
    stopping = true;
    await Promise.all(started.map((p) => p.stop(2000)));
    started.length = 0;
    stopping = false;
  });

  it('restarts a child that was killed, says so, and watches the new one too', async () => {
    const lines: string[] = [];
    let current = await track();
    keepRunning(current, {
      label: 'the idle emulator',
      restart: track,
      log: (l) => lines.push(l),
      isStopping: () => stopping,
      onRestarted: (next) => {
        current = next;
      },
    });
    const first = current.pid;
    process.kill(first, 'SIGKILL');
    await until('a restart', () => current.pid !== first && current.isRunning());
    expect(lines[0]).toMatch(/^the idle emulator exited unexpectedly \(code null, signal SIGKILL\): restarting/);
    expect(lines[1]).toMatch(new RegExp(`^the idle emulator restarted \\(pid ${current.pid}\\)`));

    const second = current.pid;
    process.kill(second, 'SIGKILL');
    await until('a second restart', () => current.pid !== second && current.isRunning());
    expect(started.filter((p) => p.isRunning())).toHaveLength(1);
  });

  it('does not restart what the platform stops', async () => {
    const lines: string[] = [];
    const proc = await track();
    keepRunning(proc, { label: 'x', restart: track, log: (l) => lines.push(l), isStopping: () => false });
    await proc.stop(2000);
    await new Promise((r) => setTimeout(r, 300));
    expect(started).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('gives up on a crash loop', async () => {
    const reasons: string[] = [];
    let current = await track();
    keepRunning(current, {
      label: 'flaky',
      restart: track,
      log: () => undefined,
      isStopping: () => stopping,
      onRestarted: (next) => {
        current = next;
      },
      maxRestarts: 2,
      onGiveUp: (reason) => reasons.push(reason),
    });
    for (let i = 0; i < 3; i++) {
      const pid = current.pid;
      process.kill(pid, 'SIGKILL');
      if (i < 2) await until(`restart ${i + 1}`, () => current.pid !== pid && current.isRunning());
    }
    await until('giving up', () => reasons.length === 1);
    expect(reasons[0]).toMatch(/^flaky exited 3 times within 60 s/);
  }, 20_000);
});
