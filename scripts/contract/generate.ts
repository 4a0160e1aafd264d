/**
 * Everything `npm run contract` writes, computed in memory: path (relative to the repository root)
 * -> content. The command writes it; the staleness test compares it with the files on disk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientTypes } from './client';
import { loadContracts, REPO_ROOT } from './load';
import { documentText, openApiDocument } from './openapi';
import { validatorsSource } from './validators';

export const OPENAPI_FILE = 'docs/openapi.json';
export const CLIENT_TYPES_FILE = 'packages/api-client/src/schema.d.ts';
export const validatorsFile = (service: string) => `services/${service}/src/validators.generated.js`;

export async function generate(root = REPO_ROOT): Promise<Map<string, string>> {
  const contracts = loadContracts(root);
  const modules = Object.fromEntries(contracts.map((c) => [c.service, require(join(root, c.file)) as Record<string, unknown>]));
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const files = new Map<string, string>();
  for (const c of contracts) files.set(validatorsFile(c.service), validatorsSource(c.routes));
  const doc = openApiDocument(contracts, version, modules);
  files.set(OPENAPI_FILE, documentText(doc));
  files.set(CLIENT_TYPES_FILE, await clientTypes(doc));
  return files;
}
