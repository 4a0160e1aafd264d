// Loaded into every serverless-offline process the local platform starts (`node --import` this
// file, scripts/local/service-runner.ts): registers the load hook of offline-fixes-hooks.mjs,
// which mends one serverless-offline 13.9 defect in its source as Node loads it.
import { register } from 'node:module';

register('./offline-fixes-hooks.mjs', import.meta.url);
