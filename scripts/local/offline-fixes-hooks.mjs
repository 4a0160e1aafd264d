// A Node module-load hook (see offline-fixes.mjs) that mends serverless-offline 13.9 as Node
// loads it; nothing in node_modules is changed on disk.
//
// The defect: when a function runs past its timeout, serverless-offline terminates the worker
// thread that ran it (HandlerRunner.cleanup) but keeps the instance, with its dead worker, in the
// pool as IDLE. Every later request given to that instance is posted to the dead worker, waits out
// the whole timeout again and fails (an authorizer: 401; a handler: 504). Under load (cold workers
// timing out while loading on a starved CPU) this poisoned whole services for the rest of a run.
// The mend: cleanup forgets its runner, so the next run loads a fresh worker (HandlerRunner.run
// already creates one when there is none).
const TARGET = /\/serverless-offline\/src\/lambda\/handler-runner\/HandlerRunner\.js$/;
const BROKEN = 'return this.#runner.cleanup()';
const MENDED = 'const runner = this.#runner; this.#runner = null; return runner ? runner.cleanup() : undefined';

/** The mended source; throws when the text is not there (a serverless-offline upgrade: look again). */
export function mend(source) {
  if (!source.includes(BROKEN)) throw new Error(`offline-fixes: "${BROKEN}" not found in serverless-offline's HandlerRunner.js (another version?)`);
  return source.replace(BROKEN, MENDED);
}

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!TARGET.test(url)) return loaded;
  return { ...loaded, source: mend(String(loaded.source)) };
}
