/**
 * `npm run contract`: from every services/<name>/src/contract.ts, writes
 *   services/<name>/src/routes.generated.js       the route table the handlers load, with Ajv standalone validators
 *   services/<name>/src/routes.generated.d.ts     its types, from the contract
 *   docs/openapi.json                             OpenAPI 3.1 of every route
 *   packages/api-client/src/schema.d.ts           the typed client's types (openapi-typescript)
 * `npm run contract -- --check` writes nothing and exits 1 when a file differs (what the test does).
 * `--code` writes only the generated code, which git ignores (route tables, client types): what
 * `npm ci` (postinstall), `npm start`, `npm test` and `npm run package` run first, so a clean
 * clone builds. docs/openapi.json is committed, and written only by `npm run contract` itself.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from './generate';
import { missingContracts, REPO_ROOT } from './load';

/** The generated files that differ from what is on disk. */
export async function staleFiles(root = REPO_ROOT): Promise<string[]> {
  const files = await generate(root);
  return [...files].filter(([path, content]) => !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== content).map(([path]) => path);
}

/** The generated code (git ignores it), as opposed to the committed document. */
const isGeneratedCode = (path: string): boolean => /\.generated\.(js|d\.ts)$/.test(path) || path.endsWith('schema.d.ts');

async function main(): Promise<void> {
  const started = Date.now();
  const check = process.argv.includes('--check');
  if (check) {
    const stale = await staleFiles();
    if (stale.length) {
      console.error(`The contracts changed: run npm run contract. Stale: ${stale.join(', ')}`);
      process.exit(1);
    }
    console.log('The generated contract files are up to date.');
    return;
  }
  const all = await generate();
  const codeOnly = process.argv.includes('--code');
  const files = new Map([...all].filter(([path]) => !codeOnly || isGeneratedCode(path)));
  for (const [path, content] of files) {
    const full = join(REPO_ROOT, path);
    const before = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    if (before === content) continue;
    writeFileSync(full, content);
    console.log(`wrote ${path} (${(Buffer.byteLength(content) / 1024).toFixed(1)} KiB)`);
  }
  const missing = missingContracts();
  if (missing.length) console.log(`no src/contract.ts yet (not in the document): ${missing.join(', ')}`);
  console.log(`npm run contract: ${files.size} files checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
