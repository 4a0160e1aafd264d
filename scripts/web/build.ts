/**
 * Builds the web apps (web/ -> web/dist, Vite). `--if-stale`: only when the build is missing or
 * older than a source file (what `npm start` and `npm test` run, so a clean clone serves /skycap/
 * and an edited app is rebuilt). Two builds at once (two test files, two terminals) take turns
 * through a lock directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'web');
/** What the build reads; a file here newer than the build makes it stale. */
const SOURCES = ['src', 'index.html', 'skycap', 'gift-tracker', 'vite.config.ts', 'package.json'];
const BUILT_MARK = join(WEB, 'dist', 'skycap', 'index.html');
const LOCK = join(ROOT, '.local', 'web-build.lock');

function newestMtime(path: string): number {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function webBuildIsStale(): boolean {
  let built: number;
  try {
    built = statSync(BUILT_MARK).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newestMtime(join(WEB, source)) > built);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock(work: () => void): void {
  mkdirSync(join(ROOT, '.local'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Held by another build; a lock older than two minutes is from a build that died.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`another web build holds ${LOCK}`);
      sleep(200);
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds web/dist (always, or only when stale); returns whether it built. */
export function buildWeb(options: { ifStale?: boolean; log?: (line: string) => void } = {}): boolean {
  let built = false;
  withLock(() => {
    if (options.ifStale && !webBuildIsStale()) return;
    const started = Date.now();
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: WEB,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' }, // Jest sets NODE_ENV=test: React's development build would ship
    });
    options.log?.(`web apps built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    built = true;
  });
  return built;
}

if (require.main === module) {
  const ifStale = process.argv.includes('--if-stale');
  buildWeb({ ifStale, log: (line) => console.log(line) });
}
