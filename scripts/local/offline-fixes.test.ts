import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNNERS = join(__dirname, '..', '..', 'node_modules', 'serverless-offline', 'src', 'lambda', 'handler-runner');
const HANDLER_RUNNER = join(RUNNERS, 'HandlerRunner.js');
const IN_PROCESS_RUNNER = join(RUNNERS, 'in-process-runner', 'InProcessRunner.js');
const HOOKS = pathToFileURL(join(__dirname, 'offline-fixes-hooks.mjs')).href;
const LOADER = pathToFileURL(join(__dirname, 'offline-fixes.mjs')).href;

/** Runs an ESM script in a child Node (the hooks module is ESM, as Node loads it) and parses its one line of JSON. */
function runModule(script: string, nodeArgs: string[] = []): unknown {
  const out = spawnSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout);
}

describe('the serverless-offline mends (offline-fixes-hooks.mjs)', () => {
  it.each([
    ['a timed-out instance loads a fresh worker next time', HANDLER_RUNNER, 'this.#runner = null'],
    ['an in-process handler is resolved once, not at every invocation', IN_PROCESS_RUNNER, 'this.loadedHandler ??='],
  ])('%s: applies to the pinned serverless-offline, and refuses a source it does not know', (_why, file, mark) => {
    const script = `
      const { mend } = await import(${JSON.stringify(HOOKS)});
      const url = ${JSON.stringify(pathToFileURL(file).href)};
      const source = ${JSON.stringify(readFileSync(file, 'utf8'))};
      const mended = mend(url, source);
      let refused = false;
      try { mend(url, 'class Other {}'); } catch { refused = true; }
      console.log(JSON.stringify({ changed: mended !== source, marked: mended.includes(${JSON.stringify(mark)}), refused }));`;
    expect(runModule(script)).toEqual({ changed: true, marked: true, refused: true });
  });

  it('leaves every other module as it is', () => {
    const script = `
      const { mend } = await import(${JSON.stringify(HOOKS)});
      console.log(JSON.stringify(mend('file:///x/node_modules/other/index.js', 'const handler = 1')));`;
    expect(runModule(script)).toBe('const handler = 1');
  });

  it('is applied when serverless-offline itself loads the runners under the hook', () => {
    const script = `
      const { default: HandlerRunner } = await import(${JSON.stringify(pathToFileURL(HANDLER_RUNNER).href)});
      const { default: InProcessRunner } = await import(${JSON.stringify(pathToFileURL(IN_PROCESS_RUNNER).href)});
      console.log(JSON.stringify([
        HandlerRunner.prototype.cleanup.toString().includes('this.#runner = null'),
        InProcessRunner.prototype.run.toString().includes('this.loadedHandler ??='),
      ]));`;
    expect(runModule(script, [`--import=${LOADER}`])).toEqual([true, true]);
  });

  it('a mended in-process runner still answers every invocation, from one load of its module', async () => {
    const script = `
      import { mkdtempSync, writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { tmpdir } from 'node:os';
      const { default: InProcessRunner } = await import(${JSON.stringify(pathToFileURL(IN_PROCESS_RUNNER).href)});
      const dir = mkdtempSync(join(tmpdir(), 'inproc-'));
      writeFileSync(join(dir, 'fn.js'), 'globalThis.loads = (globalThis.loads ?? 0) + 1; exports.handler = async (e) => ({ n: e.n });');
      const runner = new InProcessRunner({ codeDir: dir, handler: 'fn.handler', servicePath: dir, timeout: 1000 }, {});
      const answers = [];
      for (const n of [1, 2, 3]) answers.push((await runner.run({ n }, {})).n);
      console.log(JSON.stringify({ answers, loads: globalThis.loads }));`;
    expect(runModule(script, [`--import=${LOADER}`])).toEqual({ answers: [1, 2, 3], loads: 1 });
  });
});
