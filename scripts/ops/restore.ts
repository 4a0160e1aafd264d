/**
 * `restore --from <folder> [--suffix restored]`: a backup folder into fresh tables named
 * platform-<stage>-<table>-<suffix>, created from the services' resources/tables.json (keys,
 * indexes, TTL). Every file is checked against the manifest (count and SHA-256) before anything
 * is created, and a table that already holds items is never written to.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DescribeTableCommand, ScanCommand, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { ensureTables } from '../local/tables';
import type { OpsContext } from './context';
import { MANIFEST, type Manifest } from './backup';
import { decodeItem, writeItems, type Item } from './items';

export function readManifest(folder: string): Manifest {
  const path = join(resolve(folder), MANIFEST);
  if (!existsSync(path)) throw new Error(`${path} not found: --from must be a folder made by \`npm run ops -- backup\``);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (manifest.format !== 1 || !Array.isArray(manifest.tables)) throw new Error(`${path}: not a backup manifest (format 1)`);
  return manifest;
}

/** Count and SHA-256 of every file against the manifest: a truncated or edited backup is refused. */
export function checkBackup(folder: string, manifest: Manifest): void {
  for (const table of manifest.tables) {
    const text = readFileSync(join(resolve(folder), table.file));
    const sha = createHash('sha256').update(text).digest('hex');
    const lines = text.toString('utf8').split('\n').filter(Boolean).length;
    if (sha !== table.sha256 || lines !== table.items) {
      throw new Error(`${table.file}: ${lines} items, sha256 ${sha.slice(0, 12)}…; the manifest says ${table.items} items, ${table.sha256.slice(0, 12)}…`);
    }
  }
}

/** The items of one backup file, a batch at a time (a file is never read into memory whole). */
export async function* readBackupFile(path: string, batch = 500): AsyncGenerator<Item[]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let items: Item[] = [];
  for await (const line of lines) {
    if (!line) continue;
    items.push(decodeItem(JSON.parse(line)));
    if (items.length >= batch) {
      yield items;
      items = [];
    }
  }
  if (items.length) yield items;
}

async function holdsItems(ctx: OpsContext, tableName: string): Promise<boolean> {
  try {
    await ctx.dynamo().send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return false;
    throw error;
  }
  const { Items } = await ctx.dynamo().send(new ScanCommand({ TableName: tableName, Limit: 1 }));
  return (Items?.length ?? 0) > 0;
}

export async function restore(ctx: OpsContext, opts: { from: string; suffix: string }): Promise<Array<{ tableName: string; items: number }>> {
  const manifest = readManifest(opts.from);
  checkBackup(opts.from, manifest);
  const definitions = manifest.tables.map((t) => {
    const def = ctx.tables.find((d) => d.name === t.name);
    if (!def) throw new Error(`the backup has table "${t.name}", which no services/*/resources/tables.json declares`);
    return { ...def, name: opts.suffix ? `${def.name}-${opts.suffix}` : def.name };
  });
  const targets = definitions.map((d) => ctx.tableName(d.name));
  const busy = [];
  for (const name of targets) if (await holdsItems(ctx, name)) busy.push(name);
  if (busy.length) throw new Error(`not fresh (already hold items): ${busy.join(', ')}; choose another --suffix or delete them first`);

  const client = ctx.dynamo();
  const created = await ensureTables(client, ctx.stage, ctx.root, definitions);
  if (!ctx.isLocal) {
    // What the templates give every table: point-in-time recovery (encryption at rest is always on).
    for (const TableName of created.created) {
      await client.send(new UpdateContinuousBackupsCommand({ TableName, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    }
  }
  const restored = [];
  for (const [i, table] of manifest.tables.entries()) {
    let items = 0;
    for await (const batch of readBackupFile(join(resolve(opts.from), table.file))) {
      await writeItems(client, targets[i], batch);
      items += batch.length;
    }
    ctx.log(`${targets[i].padEnd(44)} ${String(items).padStart(8)} items restored from ${table.file}`);
    restored.push({ tableName: targets[i], items });
  }
  ctx.log(`restored ${restored.length} tables from ${resolve(opts.from)} (backup of ${manifest.stage}, ${manifest.createdAt})`);
  return restored;
}
