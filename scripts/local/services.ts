import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (scripts/local/ is two levels down). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * Every service, in a fixed order: its position decides its ports, so a URL in a log, a bookmark or
 * a debugger config stays valid whatever else is running. Append new services at the end.
 */
export const SERVICE_NAMES = ['auth', 'users', 'contacts', 'events', 'gifts', 'images', 'loans', 'repayments'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface PortPlan {
  gateway: number;
  dynamodb: number;
  s3: number;
  cognito: number;
  /** service i (1-based, in SERVICE_NAMES order) listens on serviceBase + i */
  serviceBase: number;
  /** and serves its Lambda invoke API on lambdaBase + i */
  lambdaBase: number;
}

/** `npm start`: the ports the spec and the README promise. */
export const DEFAULT_PORTS: PortPlan = { gateway: 3000, dynamodb: 8000, s3: 4569, cognito: 9229, serviceBase: 3000, lambdaBase: 3100 };

/** The Jest integration run: +10000, so tests can run while `npm start` is up. */
export const TEST_PORTS: PortPlan = { gateway: 13000, dynamodb: 18000, s3: 14569, cognito: 19229, serviceBase: 13000, lambdaBase: 13100 };

export interface ServiceEntry {
  name: ServiceName;
  dir: string;
  httpPort: number;
  lambdaPort: number;
}

/** Every registered service with its ports, whether or not it exists yet. */
export function allServices(ports: PortPlan, root = REPO_ROOT): ServiceEntry[] {
  return SERVICE_NAMES.map((name, index) => ({
    name,
    dir: join(root, 'services', name),
    httpPort: ports.serviceBase + index + 1,
    lambdaPort: ports.lambdaBase + index + 1,
  }));
}

/** The services that can be started: those with a services/<name>/serverless.yml. */
export function presentServices(ports: PortPlan, root = REPO_ROOT): ServiceEntry[] {
  return allServices(ports, root).filter((service) => existsSync(join(service.dir, 'serverless.yml')));
}

/** Every port a plan occupies, named, for the "is anything already listening?" check. */
export function portsInUse(ports: PortPlan, services: ServiceEntry[]): Array<{ name: string; port: number }> {
  return [
    { name: 'gateway', port: ports.gateway },
    { name: 'dynamodb', port: ports.dynamodb },
    { name: 's3', port: ports.s3 },
    { name: 'cognito', port: ports.cognito },
    ...services.flatMap((s) => [
      { name: `${s.name} http`, port: s.httpPort },
      { name: `${s.name} lambda`, port: s.lambdaPort },
    ]),
  ];
}
