import { join } from 'node:path';

const LOADER = join(__dirname, 'ts-loader.cjs');

/** NODE_OPTIONS' part that preloads config/ts-loader.cjs into an `sls` process (quoted when its path has a space). */
export const TS_LOADER_OPTION = LOADER.includes(' ') ? `--require="${LOADER}"` : `--require=${LOADER}`;
