// A Node module-load hook (see offline-fixes.mjs) that mends serverless-offline 13.9 as Node
// loads it; nothing in node_modules is changed on disk. Each mend names the file, the text it
// replaces and why; a text that is not there (a serverless-offline upgrade) fails loudly.
export const MENDS = [
  {
    // The defect: when a function runs past its timeout, serverless-offline terminates the worker
    // thread that ran it (HandlerRunner.cleanup) but keeps the instance, with its dead worker, in the
    // pool as IDLE. Every later request given to that instance is posted to the dead worker, waits out
    // the whole timeout again and fails (an authorizer: 401; a handler: 504). Under load (cold workers
    // timing out while loading on a starved CPU) this poisoned whole services for the rest of a run.
    // The mend: cleanup forgets its runner, so the next run loads a fresh worker (HandlerRunner.run
    // already creates one when there is none).
    file: /\/serverless-offline\/src\/lambda\/handler-runner\/HandlerRunner\.js$/,
    broken: 'return this.#runner.cleanup()',
    mended: 'const runner = this.#runner; this.#runner = null; return runner ? runner.cleanup() : undefined',
  },
  {
    // The cost: in-process, every invocation looks its handler's file up again (existsSync on each
    // candidate name, then every package.json from the bundle's folder up, read and parsed, to tell
    // CommonJS from ESM) before `require` answers from its cache: a tenth of a warm request's CPU.
    // A Lambda container resolves its handler once. The mend keeps the first load's answer (a
    // failed load is not kept: the next invocation tries again, as before).
    file: /\/serverless-offline\/src\/lambda\/handler-runner\/in-process-runner\/InProcessRunner\.js$/,
    broken: 'const handler = await load(\n      this.#servicePath,\n      join(this.#codeDir, this.#handler),\n    )',
    mended:
      'this.loadedHandler ??= load(this.#servicePath, join(this.#codeDir, this.#handler)).catch((error) => { this.loadedHandler = undefined; throw error })\n    const handler = await this.loadedHandler',
  },
];

/** The mended source of `url`'s module; throws when a mend's text is not there. */
export function mend(url, source) {
  let out = source;
  for (const fix of MENDS.filter((m) => m.file.test(url))) {
    if (!out.includes(fix.broken)) throw new Error(`offline-fixes: "${fix.broken.split('\n')[0]}" not found in ${url} (another serverless-offline version?)`);
    out = out.replace(fix.broken, fix.mended);
  }
  return out;
}

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!MENDS.some((m) => m.file.test(url))) return loaded;
  return { ...loaded, source: mend(url, String(loaded.source)) };
}
