/**
 * Finds and loads every service's contract: services/<name>/src/contract.ts, whose `routes` export
 * is the result of defineRoutes(). Loaded with require(): under tsx (`npm run contract`) and under
 * Jest the TypeScript is transpiled on the fly and the @platform/* paths resolve.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RouteContract } from '../../libs/src/contract';
import { SERVICE_NAMES } from '../local/services';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface ServiceContract {
  service: string;
  /** services/<name>/src/contract.ts, relative to the repository root */
  file: string;
  /** in declaration order */
  routes: RouteContract[];
}

/** The services that have a serverless.ts, in the platform's order (SERVICE_NAMES), then any other by name. */
export function serviceNames(root = REPO_ROOT): string[] {
  const dir = join(root, 'services');
  const present = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'serverless.ts')))
    .map((d) => d.name);
  const rank = (name: string) => {
    const i = (SERVICE_NAMES as readonly string[]).indexOf(name);
    return i < 0 ? SERVICE_NAMES.length : i;
  };
  return present.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Every service that declares a contract. Services without src/contract.ts are left out (see missingContracts). */
export function loadContracts(root = REPO_ROOT): ServiceContract[] {
  const out: ServiceContract[] = [];
  for (const service of serviceNames(root)) {
    const file = join('services', service, 'src', 'contract.ts');
    if (!existsSync(join(root, file))) continue;
    const module = require(join(root, file)) as { routes?: Record<string, RouteContract> };
    if (!module.routes || typeof module.routes !== 'object') throw new Error(`${file} does not export \`routes\` (the result of defineRoutes)`);
    const routes = Object.values(module.routes);
    for (const r of routes) {
      if (r.service !== service) throw new Error(`${file}: route ${r.operationId} says service "${r.service}", expected "${service}"`);
    }
    out.push({ service, file, routes });
  }
  const seen = new Map<string, string>();
  for (const c of out) {
    for (const r of c.routes) {
      const other = seen.get(r.operationId);
      if (other) throw new Error(`operationId ${r.operationId} is declared by both ${other} and ${c.service}: operation ids are unique across the API`);
      seen.set(r.operationId, c.service);
    }
  }
  return out;
}

/** Services with HTTP routes in their serverless.ts (platform-resources has none) but no src/contract.ts yet. */
export function missingContracts(root = REPO_ROOT): string[] {
  return serviceNames(root).filter(
    (s) => /\bhttp:/.test(readFileSync(join(root, 'services', s, 'serverless.ts'), 'utf8')) && !existsSync(join(root, 'services', s, 'src', 'contract.ts')),
  );
}
