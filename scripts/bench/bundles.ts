/**
 * Every function's handler bundled the way `sls package` bundles it (config/service.ts
 * `custom.esbuild`: bundle, minify, platform node, target node22, cjs, the AWS SDK bundled, tsconfig
 * paths), in one esbuild call, with the metafile that says which inputs take the bytes.
 * `readable` keeps identifiers (minifyIdentifiers off) so a CPU profile names functions; only the
 * in-process mode loads those, the cold-start table measures the packaged form.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';

export interface Bundle {
  /** `<service>/<handler>` (e.g. gifts/list), or `bare/...` for the reference bundles */
  name: string;
  file: string;
  bytes: number;
  /** the largest contributors, by package (node_modules/<pkg>) or source folder, in output bytes */
  top: Array<{ input: string; bytes: number }>;
}

/** Every `services/<service>/src/handlers/<handler>.ts`: one Lambda function each (authorizer and preflight included). */
export function handlerEntries(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const servicesDir = join(root, 'services');
  for (const service of readdirSync(servicesDir).sort()) {
    const dir = join(servicesDir, service, 'src', 'handlers');
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    for (const file of files.sort()) {
      if (file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts')) entries[`${service}/${file.slice(0, -3)}`] = join(dir, file);
    }
  }
  return entries;
}

/** What a bundle's bytes are: output bytes per package (node_modules/<scope/pkg>) or per repository folder. */
function contributors(meta: Metafile, outfile: string): Array<{ input: string; bytes: number }> {
  const output = Object.entries(meta.outputs).find(([path]) => outfile.endsWith(path) || path.endsWith(relative(process.cwd(), outfile)));
  if (!output) return [];
  const byGroup = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output[1].inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const group = pkg ? pkg[1] : input.split('/').slice(0, 3).join('/');
    byGroup.set(group, (byGroup.get(group) ?? 0) + bytesInOutput);
  }
  return [...byGroup.entries()]
    .map(([input, bytes]) => ({ input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
}

export async function buildBundles(
  root: string,
  outdir: string,
  entries: Record<string, string>,
  extraSources: Record<string, string> = {},
  readable = false,
): Promise<Map<string, Bundle>> {
  mkdirSync(outdir, { recursive: true });
  const srcDir = join(outdir, '_src');
  mkdirSync(srcDir, { recursive: true });
  const all: Record<string, string> = { ...entries };
  for (const [name, source] of Object.entries(extraSources)) {
    const file = join(srcDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.ts`);
    writeFileSync(file, source);
    all[name] = file;
  }
  const result = await build({
    entryPoints: all,
    outdir,
    bundle: true,
    // minify, or (readable) all of it but the identifiers
    ...(readable ? { minifyWhitespace: true, minifySyntax: true } : { minify: true }),
    sourcemap: readable ? 'external' : false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'], // as custom.esbuild (config/service.ts)
    keepNames: false,
    tsconfig: join(root, 'tsconfig.json'),
    nodePaths: [join(root, 'node_modules')],
    metafile: true,
    logLevel: 'silent',
  });
  const bundles = new Map<string, Bundle>();
  for (const name of Object.keys(all)) {
    const file = join(outdir, `${name}.js`);
    bundles.set(name, { name, file, bytes: statSync(file).size, top: contributors(result.metafile, file) });
  }
  return bundles;
}
