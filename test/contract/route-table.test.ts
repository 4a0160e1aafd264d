/**
 * Handlers load their service's generated route table, never the contract: TypeBox and the
 * contract's schemas stay out of every Lambda bundle (docs/http-stack.md, docs/performance.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, serviceNames } from '../../scripts/contract/load';

const handlerFiles = serviceNames().flatMap((service) => {
  const dir = join(REPO_ROOT, 'services', service, 'src', 'handlers');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  } catch {
    return [];
  }
  return files.map((f) => join('services', service, 'src', 'handlers', f));
});
/** Imports of a module at run time (not `import type`), by specifier. */
const runtimeImports = (source: string): string[] =>
  [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm), ...source.matchAll(/\b(?:require|import)\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]);

it.each(handlerFiles)('%s loads no contract and no schema library at run time', (file) => {
  const imports = runtimeImports(readFileSync(join(REPO_ROOT, file), 'utf8'));
  expect(imports.filter((i) => /(^|\/)contract$|@sinclair\/typebox|@platform\/libs\/contract/.test(i))).toEqual([]);
});
