/**
 * The committed artefacts of the contracts are what `npm run contract` would write now:
 * services/<name>/src/routes.generated.js (and .d.ts), docs/openapi.json and
 * packages/api-client/src/schema.d.ts, regenerated in memory and compared byte for byte.
 * In a process of its own (`npm run contract -- --check`): openapi-typescript and its
 * dependencies are ESM, which Jest's CommonJS runtime cannot load.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { missingContracts, REPO_ROOT } from '../../scripts/contract/load';

it('every service with routes declares them in src/contract.ts', () => {
  expect(missingContracts()).toEqual([]);
});

it('the generated files are up to date (else: run npm run contract)', () => {
  const run = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/contract/main.ts', '--check'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`${run.stderr || run.stdout || run.error}`.trim());
  expect(run.stdout).toMatch(/up to date/);
}, 130_000);
