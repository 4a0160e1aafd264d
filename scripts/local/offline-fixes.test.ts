import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HANDLER_RUNNER = join(__dirname, '..', '..', 'node_modules', 'serverless-offline', 'src', 'lambda', 'handler-runner', 'HandlerRunner.js');
const HOOKS = pathToFileURL(join(__dirname, 'offline-fixes-hooks.mjs')).href;
const LOADER = pathToFileURL(join(__dirname, 'offline-fixes.mjs')).href;

describe('the serverless-offline mend (a timed-out instance loads a fresh worker next time)', () => {
  it('applies to the pinned serverless-offline, and refuses a source it does not know', () => {
    // In a child Node: the hooks module is ESM, as Node loads it.
    const script = `
      const { mend } = await import(${JSON.stringify(HOOKS)});
      const source = ${JSON.stringify(readFileSync(HANDLER_RUNNER, 'utf8'))};
      const mended = mend(source);
      let refused = false;
      try { mend('class Other {}'); } catch { refused = true; }
      console.log(JSON.stringify({ changed: mended !== source, forgets: mended.includes('this.#runner = null'), refused }));`;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ changed: true, forgets: true, refused: true });
  });

  it('is applied when serverless-offline itself loads HandlerRunner.js under the hook', () => {
    const script = `
      const { default: HandlerRunner } = await import(${JSON.stringify(pathToFileURL(HANDLER_RUNNER).href)});
      console.log(HandlerRunner.prototype.cleanup.toString().includes('this.#runner = null'));`;
    const out = spawnSync(process.execPath, [`--import=${LOADER}`, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.stdout.trim()).toBe('true');
  });
});
