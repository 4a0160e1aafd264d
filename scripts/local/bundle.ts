/**
 * Every handler of every service, bundled once by one esbuild run before the services start,
 * into <outDir>/<service>/src/handlers/<name>.js. The local platform's serverless-offline
 * processes load them from there (config/service.ts: PLATFORM_BUNDLES) instead of each bundling
 * its own functions through serverless-esbuild at start-up: one build of 71 functions instead of
 * eight, and eight processes that no longer load the bundler.
 *
 * The output is kept by content: a manifest records a hash of every file the last build read;
 * when none changed (and no handler was added or removed) the next start reuses the bundles.
 *
 * Settings as the services' `custom.esbuild` has them for `sls offline` (config/esbuild.ts): the AWS
 * SDK stays external (resolved from node_modules, the same pinned version), node22, CommonJS; not
 * minified, so a stack trace locally names the code.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BundleResult {
  outDir: string;
  /** functions bundled (or reused) */
  functions: number;
  /** false when the previous build's output was still current */
  built: boolean;
  ms: number;
}

interface Manifest {
  entries: string[];
  inputs: Record<string, string>;
}

const MANIFEST = 'manifest.json';

const digest = (file: string): string => createHash('sha1').update(readFileSync(file)).digest('hex');

/** services/<svc>/src/handlers/<name>.ts, keyed by the output path <svc>/src/handlers/<name>. */
function handlerEntries(root: string, services: readonly string[]): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const service of services) {
    for (const file of globSync('src/handlers/*.ts', { cwd: join(root, 'services', service) })) {
      if (file.endsWith('.test.ts') || file.endsWith('.d.ts')) continue;
      entries[join(service, file.replace(/\.ts$/, ''))] = join(root, 'services', service, file);
    }
  }
  return entries;
}

/** Is the previous build's output still what these entries and their sources would give? */
function current(root: string, outDir: string, entries: Record<string, string>): boolean {
  const file = join(outDir, MANIFEST);
  if (!existsSync(file)) return false;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (manifest.entries.join('\n') !== Object.keys(entries).sort().join('\n')) return false;
    return Object.entries(manifest.inputs).every(([input, hash]) => {
      const path = join(root, input);
      return existsSync(path) && digest(path) === hash;
    });
  } catch {
    return false;
  }
}

export async function bundleHandlers(opts: { root: string; outDir: string; services: readonly string[] }): Promise<BundleResult> {
  const started = Date.now();
  const { root, outDir } = opts;
  const entries = handlerEntries(root, opts.services);
  const functions = Object.keys(entries).length;
  if (current(root, outDir, entries)) return { outDir, functions, built: false, ms: Date.now() - started };

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    tsconfig: join(root, 'tsconfig.json'),
    metafile: true,
    logLevel: 'error',
  });
  // Inputs are relative to absWorkingDir; node_modules count too (an upgrade rebuilds).
  const files = Object.keys(result.metafile.inputs).filter((input) => existsSync(join(root, input)));
  const inputs = Object.fromEntries(files.map((input) => [input, digest(join(root, input))]));
  const manifest: Manifest = { entries: Object.keys(entries).sort(), inputs };
  writeFileSync(join(outDir, MANIFEST), JSON.stringify(manifest));
  return { outDir, functions, built: true, ms: Date.now() - started };
}
