// Preloaded (`node --require`, through NODE_OPTIONS) into the `sls` processes the repository's own
// scripts start: the local platform's serverless-offline (scripts/local/service-runner.ts) and
// `npm run package` (scripts/infra/packager.ts). A service's serverless.ts, and the config/*.ts it
// imports, are compiled with esbuild's transform instead of through ts-node, which the framework
// would otherwise register: ts-node loads the TypeScript compiler, ~1.7 s of CPU per process, the
// largest part of a service's start on a 2-core machine. Types are checked by `npm run typecheck`
// (ts-node ran transpile-only too). `npx sls ...` typed by hand still goes through ts-node.
// The framework registers ts-node unless a TypeScript loader is already registered, which it
// tells by this symbol (serverless/lib/configuration/read.js).
const { readFileSync } = require('node:fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node22', sourcefile: filename, sourcemap: 'inline' });
  module._compile(code, filename);
};
process[Symbol.for('ts-node.register.instance')] = { loader: 'esbuild transform (config/ts-loader.cjs)' };
