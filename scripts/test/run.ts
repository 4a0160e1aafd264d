/**
 * `npm test`: every check, in two lanes that run side by side, then the proof that needs both.
 *
 *   platform lane: the web apps' build (when stale), then the Jest projects that share one local
 *                  platform (`integration`: the API over HTTP and the browser tests). Its files run
 *                  one at a time: some read platform-wide figures (the portfolio statistics) and
 *                  would see another file's loans.
 *   other lane:    the type check, then the projects that need no shared platform (`unit`,
 *                  `faults`, each file with components of its own, and `infra`, the packaged
 *                  templates), one file at a time.
 *   then:          the IAM proof (jest.proof.config.ts): the AWS calls the platform lane recorded,
 *                  against the roles in the templates the other lane packaged.
 *
 * Most of the platform lane's time is waiting on the platform's processes and the browser, so
 * the two lanes share a 2-core machine well (docs/performance.md, "Developer loop"). Each lane's
 * output is printed as it comes, every line prefixed with its step's name. (One project alone:
 * `npx jest --selectProjects unit`, as the README says.)
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

interface Step {
  label: string;
  command: string;
  args: string[];
}

const env = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' };
const npx = (label: string, ...args: string[]): Step => ({ label, command: 'npx', args: ['--no-install', ...args] });
const jest = (label: string, ...args: string[]): Step => npx(label, 'jest', ...args);

const PLATFORM_LANE: Step[] = [npx('web', 'tsx', 'scripts/web/build.ts', '--if-stale'), jest('platform', '--selectProjects', 'integration')];
const OTHER_LANE: Step[] = [
  { label: 'typecheck', command: 'npm', args: ['run', '-s', 'typecheck'] },
  jest('other', '--selectProjects', 'unit', 'faults', 'infra'),
];
const PROOF: Step = jest('proof', '-c', 'jest.proof.config.ts');

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Runs one step with its output prefixed; resolves to whether it passed. */
function run(step: Step): Promise<boolean> {
  const started = Date.now();
  const prefix = `[${step.label}]`.padEnd(12);
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix} ${line}\n`));
    }
    child.on('error', (error) => {
      process.stdout.write(`${prefix} could not start: ${error.message}\n`);
      resolve(false);
    });
    child.on('close', (code, signal) => {
      const ok = code === 0;
      process.stdout.write(`${prefix} ${ok ? 'passed' : `FAILED (exit ${code ?? signal})`} in ${seconds(started)}\n`);
      resolve(ok);
    });
  });
}

/** A lane's steps one after the other; a failed step ends the lane. */
async function lane(steps: Step[]): Promise<boolean> {
  for (const step of steps) if (!(await run(step))) return false;
  return true;
}

async function main(): Promise<void> {
  const started = Date.now();
  // Ctrl-C reaches every child (same process group); this process just waits for them to end.
  process.on('SIGINT', () => undefined);
  const [platform, other] = await Promise.all([lane(PLATFORM_LANE), lane(OTHER_LANE)]);
  const proof = platform && other ? await run(PROOF) : false;
  const verdict = platform && other && proof ? 'passed' : 'FAILED';
  const failedLanes = [!platform && 'platform lane', !other && 'other lane', platform && other && !proof && 'proof'].filter(Boolean);
  console.log(`\nnpm test ${verdict} in ${seconds(started)}${failedLanes.length ? `: ${failedLanes.join(', ')}` : ''}`);
  process.exit(verdict === 'passed' ? 0 : 1);
}

void main();
