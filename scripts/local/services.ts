import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { API_SERVICES } from '../../config/routing';

/** The repository root (scripts/local/ is two levels down). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * Every API service, in a fixed order (config/routing.js, the routing table the CloudFront
 * distribution is built from too): its position decides its ports, so a URL in a log, a bookmark
 * or a debugger config stays valid whatever else is running.
 */
export const SERVICE_NAMES = API_SERVICES;
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

/** The services that can be started: those with a services/<name>/serverless.ts (and, given `only`, named there). */
export function presentServices(ports: PortPlan, root = REPO_ROOT, only?: readonly string[]): ServiceEntry[] {
  const unknown = only?.filter((name) => !SERVICE_NAMES.includes(name as ServiceName)) ?? [];
  if (unknown.length) throw new Error(`unknown service(s): ${unknown.join(', ')}; known: ${SERVICE_NAMES.join(', ')}`);
  return allServices(ports, root).filter((s) => existsSync(join(s.dir, 'serverless.ts')) && (!only || only.includes(s.name)));
}

/**
 * A plan moved by `offset`, for test runs side by side on one machine. Service and Lambda ports
 * sit 100 apart, so offsets must be multiples of 200; keep every port below 32768 (Linux hands out
 * the ports above for outgoing connections).
 */
export function shiftedPorts(plan: PortPlan, offset: number): PortPlan {
  if (!Number.isInteger(offset) || offset % 200 !== 0 || offset < 0 || plan.dynamodb + offset >= 32768) {
    throw new Error(`port offset must be a non-negative multiple of 200 keeping ports below 32768, got ${offset}`);
  }
  return Object.fromEntries(Object.entries(plan).map(([key, port]) => [key, port + offset])) as unknown as PortPlan;
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
