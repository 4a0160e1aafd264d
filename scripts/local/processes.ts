import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { connect } from 'node:net';
import { dirname } from 'node:path';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A child the platform started. Every child runs in its own process group (detached), so that:
 * a Ctrl-C in the terminal reaches only the platform, which then stops children in order; and
 * stopping a child also stops what it started (esbuild's service process, worker threads).
 */
export interface Supervised {
  name: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<ExitInfo>;
  isRunning(): boolean;
  /** true once stop() was called: the exit that follows is not a crash */
  stopping: boolean;
  stop(timeoutMs?: number): Promise<void>;
  /** last resort from a process 'exit' handler, where nothing asynchronous runs any more */
  killSync(): void;
  /** its last output lines, to show why it died */
  tail(): string[];
}

export interface SuperviseOptions {
  /** every line of stdout and stderr is appended here */
  logFile?: string;
  /** and, for `npm start`, echoed to the console with a [name] prefix */
  echo?: (line: string) => void;
}

const TAIL_LINES = 25;

function pipeLines(child: ChildProcess, sink: WriteStream | undefined, last: string[], echo?: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      sink?.write(`${line}\n`);
      echo?.(line);
      last.push(line);
      if (last.length > TAIL_LINES) last.shift();
    });
  }
}

const signalGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal); // negative pid: the whole process group of a detached child
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
};

/** Every child still running, whoever started it: for a last-resort kill when this process exits. */
const live = new Set<Supervised>();

/** SIGKILLs every child this process started and that is still running (synchronous). */
export function killAllSync(): void {
  for (const child of live) child.killSync();
}

/** Takes charge of a detached child started with stdio 'pipe'. */
export function supervise(name: string, child: ChildProcess, options: SuperviseOptions = {}): Supervised {
  if (!child.pid) throw new Error(`${name}: the process did not start`);
  const pid = child.pid;
  const sink = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const last: string[] = [];
  pipeLines(child, sink, last, options.echo);
  let running = true;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      live.delete(handle);
      sink?.end();
      resolve({ code, signal });
    });
  });
  const handle: Supervised = {
    name,
    pid,
    child,
    exited,
    stopping: false,
    isRunning: () => running,
    async stop(timeoutMs = 8000) {
      handle.stopping = true;
      if (!running) return;
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
      signalGroup(pid, 'SIGKILL'); // anything the leader left behind in its group
    },
    killSync() {
      handle.stopping = true;
      if (running) signalGroup(pid, 'SIGKILL');
    },
    tail: () => [...last],
  };
  live.add(handle);
  return handle;
}

/** Starts a node script as a supervised, detached child. */
export function spawnNode(name: string, script: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv } & SuperviseOptions): Supervised {
  const child = spawn(process.execPath, [script, ...args], { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return supervise(name, child, opts);
}

/** Resolves when something accepts TCP connections on the port. */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 400): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `probe` until it returns true; fails early if the process died, or after timeoutMs. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number; process?: Supervised },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (opts.process && !opts.process.isRunning()) {
      const { code, signal } = await opts.process.exited;
      throw new Error(`${what}: the process exited (code ${code}, signal ${signal}) before it was ready`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${opts.timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}

/**
 * The record of what a platform started (stateDir/processes.json), with the platform's own pid.
 * If the platform was killed without a chance to stop its children (SIGKILL, a crashed test
 * runner), the next start stops those orphans: only a recorded pid whose command line is still
 * the recorded one, so a reused pid is never touched. While the recorded owner is alive the
 * state directory is in use, and nothing is touched.
 */
export interface ProcessRecord {
  name: string;
  pid: number;
  args: string;
}

interface RecordFile {
  owner: { pid: number; args: string };
  processes: ProcessRecord[];
}

const commandLineOf = (pid: number): string | undefined => {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined; // not running
  }
};

const knownArgs = new Map<number, string>(); // a process's command line does not change: ask ps once

export function recordProcesses(file: string, processes: Supervised[]): void {
  const argsOf = (pid: number): string => {
    const known = knownArgs.get(pid);
    if (known !== undefined) return known;
    const args = commandLineOf(pid) ?? '';
    knownArgs.set(pid, args);
    return args;
  };
  const record: RecordFile = {
    owner: { pid: process.pid, args: argsOf(process.pid) },
    processes: processes.filter((p) => p.isRunning()).map((p) => ({ name: p.name, pid: p.pid, args: argsOf(p.pid) })),
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

/** Stops what a dead earlier run left behind; fails if a live run still owns the state directory. */
export async function reapOrphans(file: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(file)) return;
  let record: RecordFile | undefined;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as RecordFile;
  } catch {
    return; // unreadable: nothing to reap
  }
  const { owner, processes = [] } = record ?? {};
  if (owner && owner.pid !== process.pid && owner.args && commandLineOf(owner.pid) === owner.args) {
    throw new Error(`${dirname(file)} belongs to a platform that is still running (pid ${owner.pid}: ${owner.args}); let it finish or stop it first`);
  }
  for (const orphan of processes) {
    if (!orphan.args || commandLineOf(orphan.pid) !== orphan.args) continue;
    log(`stopping ${orphan.name} (pid ${orphan.pid}) left running by an earlier run`);
    signalGroup(orphan.pid, 'SIGTERM');
    for (let i = 0; i < 40 && commandLineOf(orphan.pid) === orphan.args; i++) await new Promise((r) => setTimeout(r, 100));
    if (commandLineOf(orphan.pid) === orphan.args) signalGroup(orphan.pid, 'SIGKILL');
  }
  rmSync(file, { force: true });
}

export interface KeepRunningOptions {
  /** what the platform calls it in its messages: 'DynamoDB Local' */
  label: string;
  /** starts it again the way it was started (same port, same data folder); resolves once it answers */
  restart: () => Promise<Supervised>;
  log: (line: string) => void;
  /** true while the platform itself is stopping: an exit then is expected */
  isStopping: () => boolean;
  /** told of every new process, so the platform stops (and records) the current one */
  onRestarted?: (next: Supervised, previous: Supervised) => void;
  /** after this many crashes within `windowMs` it gives up (a crash loop is not worth hiding) */
  maxRestarts?: number;
  windowMs?: number;
  onGiveUp?: (reason: string) => void;
}

/**
 * The supervisor of an emulator (`npm start`): when the process exits without being asked to,
 * the platform says so and starts it again (DynamoDB Local on its data folder, so nothing
 * committed is lost); meanwhile the API answers 503 (the SDK's timeouts and error mapping).
 * A crash loop (maxRestarts within windowMs) gives up through onGiveUp.
 */
export function keepRunning(first: Supervised, opts: KeepRunningOptions): void {
  const maxRestarts = opts.maxRestarts ?? 5;
  const windowMs = opts.windowMs ?? 60_000;
  const crashes: number[] = [];
  const watch = (proc: Supervised): void => {
    void proc.exited.then(async ({ code, signal }) => {
      if (proc.stopping || opts.isStopping()) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0] < now - windowMs) crashes.shift();
      const how = `code ${code}, signal ${signal}`;
      if (crashes.length > maxRestarts) {
        const reason = `${opts.label} exited ${crashes.length} times within ${windowMs / 1000} s (last: ${how})`;
        if (opts.onGiveUp) opts.onGiveUp(reason);
        else opts.log(`FATAL: ${reason}`);
        return;
      }
      opts.log(`${opts.label} exited unexpectedly (${how}): restarting it; requests that need it answer 503 meanwhile`);
      for (let attempt = 1; !opts.isStopping(); attempt++) {
        try {
          const next = await opts.restart();
          if (opts.isStopping()) return void next.stop();
          opts.onRestarted?.(next, proc);
          opts.log(`${opts.label} restarted (pid ${next.pid}) after ${((Date.now() - now) / 1000).toFixed(1)} s`);
          watch(next);
          return;
        } catch (error) {
          opts.log(`${opts.label} did not restart (attempt ${attempt}): ${(error as Error).message}`);
          if (attempt >= 3) {
            const reason = `${opts.label} could not be restarted`;
            if (opts.onGiveUp) opts.onGiveUp(reason);
            else opts.log(`FATAL: ${reason}`);
            return;
          }
          await new Promise((r) => setTimeout(r, 1000 * attempt));
        }
      }
    });
  };
  watch(first);
}
