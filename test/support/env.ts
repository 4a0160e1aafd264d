/**
 * setupFiles of the `integration` project, run in every test file before it loads: the platform's
 * environment normally arrives through process.env from global-setup; a test file started some
 * other way (an editor running one test) finds it in .local/test/env.json if a run left one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

if (!process.env.PLATFORM_URL) {
  const saved = join(__dirname, '..', '..', '.local', 'test', 'env.json');
  if (existsSync(saved)) Object.assign(process.env, JSON.parse(readFileSync(saved, 'utf8')) as Record<string, string>);
}
if (!process.env.PLATFORM_URL) {
  throw new Error(
    "PLATFORM_URL is not set: integration tests need the local platform that test/support/global-setup.ts starts (run them through Jest's integration project)",
  );
}
