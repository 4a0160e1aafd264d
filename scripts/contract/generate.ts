/**
 * Everything `npm run contract` writes, computed in memory: path (relative to the repository root)
 * -> content. The command writes it; the staleness test compares it with the files on disk.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { clientTypes } from './client';
import { loadContracts, REPO_ROOT, type ServiceContract } from './load';
import { documentText, type NamedSchemas, openApiDocument } from './openapi';
import { routeTableSource, routeTableTypes } from './route-table';

export const OPENAPI_FILE = 'docs/openapi.json';
export const CLIENT_TYPES_FILE = 'packages/api-client/src/schema.d.ts';
export const routeTableFile = (service: string, ext: 'js' | 'd.ts' = 'js') => `services/${service}/src/routes.generated.${ext}`;

/**
 * Where component names come from: the product packages' modules the contracts loaded (a reply
 * schema shared by two services, like GiftReply, lives there), by file name, then each contract
 * module in service order (a name taken already gets the service's name before it).
 */
function namedSchemas(root: string, contracts: readonly ServiceContract[]): NamedSchemas[] {
  const packages = Object.keys(require.cache)
    .filter((file) => relative(root, file).match(/^packages\/[^/]+\/src\//) && !file.includes('node_modules'))
    .sort()
    .map((file) => ({ prefix: '', exports: (require.cache[file]?.exports ?? {}) as Record<string, unknown> }));
  const modules = contracts.map((c) => ({
    prefix: c.service[0].toUpperCase() + c.service.slice(1),
    exports: require(join(root, c.file)) as Record<string, unknown>,
  }));
  return [...packages, ...modules];
}

export async function generate(root = REPO_ROOT): Promise<Map<string, string>> {
  const contracts = loadContracts(root);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const files = new Map<string, string>();
  for (const c of contracts) {
    files.set(routeTableFile(c.service), routeTableSource(c.routes));
    files.set(routeTableFile(c.service, 'd.ts'), routeTableTypes(c.routes));
  }
  const doc = openApiDocument(contracts, version, namedSchemas(root, contracts));
  files.set(OPENAPI_FILE, documentText(doc));
  files.set(CLIENT_TYPES_FILE, await clientTypes(doc));
  return files;
}
