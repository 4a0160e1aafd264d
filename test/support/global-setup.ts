/**
 * Jest globalSetup of the `integration` project: the whole local platform on the TEST ports
 * (13000...), DynamoDB in memory, state in .local/test (wiped each run), so `npm test` can run
 * while `npm start` is up. Its environment goes into process.env: the test workers, started
 * after this, inherit it.
 * Two runs side by side (two engineers on one machine): PLATFORM_TEST_PORT_OFFSET=200 (a multiple
 * of 200) moves every port and the state folder; PLATFORM_SERVICES=auth,users starts only those.
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, type Platform } from '../../scripts/local/platform';
import { killAllSync, reapOrphans } from '../../scripts/local/processes';
import { REPO_ROOT, shiftedPorts, TEST_PORTS } from '../../scripts/local/services';

export const PLATFORM_KEY = '__LOCAL_PLATFORM__';
const OFFSET = Number(process.env.PLATFORM_TEST_PORT_OFFSET ?? 0);
const STATE_DIR = OFFSET ? `.local/test-${OFFSET}` : '.local/test';
const PORTS = shiftedPorts(TEST_PORTS, OFFSET);
const ONLY = process.env.PLATFORM_SERVICES?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const stateDir = join(REPO_ROOT, STATE_DIR);
  const verbose = process.env.PLATFORM_VERBOSE === '1';
  const platformLog = join(stateDir, 'platform.log');
  // An earlier run killed before its teardown may have left children behind: stop them (their
  // record is in the state directory), then start from a clean slate.
  await reapOrphans(join(stateDir, 'processes.json'), (line) => console.log(`[platform] ${line}`));
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  const log = (line: string) => {
    appendFileSync(platformLog, `${line}\n`);
    if (verbose || /NOT seeded|FATAL|exited/.test(line)) console.log(`[platform] ${line}`);
  };

  process.env.SLS_TELEMETRY_DISABLED = '1';
  process.env.SLS_NOTIFICATIONS_MODE = 'off';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // pinned SDK on Node 20: known
  // Jest runs no globalTeardown on Ctrl-C or a crash: never leave the children behind, even
  // when that happens during this start-up.
  process.once('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllSync();
      process.exit(130);
    });
  }
  // Every AWS call of every function is recorded: test/proof checks each against the prod IAM roles.
  const awsCallLog = join(stateDir, 'aws-calls.jsonl');
  // The bundles live beside the state folder (wiped above), so an unchanged tree reuses them.
  const bundleDir = `.local/test-bundles${OFFSET ? `-${OFFSET}` : ''}`;
  const platform: Platform = await startPlatform({ ports: PORTS, stateDir: STATE_DIR, inMemoryDb: true, log, only: ONLY, awsCallLog, bundleDir });
  const env = { ...platform.env, PLATFORM_URL: `http://localhost:${PORTS.gateway}` };
  Object.assign(process.env, env);
  // For a test file run outside this setup (an editor's runner): test/support/env.ts reads it.
  writeFileSync(join(stateDir, 'env.json'), `${JSON.stringify(env, null, 2)}\n`, { mode: 0o600 });
  (globalThis as Record<string, unknown>)[PLATFORM_KEY] = platform;

  if (platform.failed.length) console.log(`[platform] NOT running: ${platform.failed.join(', ')} (logs in ${STATE_DIR}/logs)`);
  console.log(
    `\n[platform] ready for the integration tests in ${((Date.now() - started) / 1000).toFixed(1)} s (${platform.services.length} services; log ${STATE_DIR}/platform.log)`,
  );
}
