/**
 * `verify`: compares two sets of tables item by item (by primary key) and prints every
 * difference: the live tables against their `--suffix` copies, or a backup folder (`--from`)
 * against the `--suffix` tables (what a restore drill wants when the live tables keep changing).
 */
import { join, resolve } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { OpsContext } from './context';
import { canonical, encodeItem, scanTable, type Item } from './items';
import { readBackupFile, readManifest } from './restore';

export interface TableComparison {
  table: string;
  source: string;
  target: string;
  sourceItems: number;
  targetItems: number;
  missing: string[]; // keys in the source, not in the target
  extra: string[]; // keys in the target, not in the source
  changed: string[];
  error?: string;
}

type Side = AsyncIterable<Item[]>;

async function load(side: Side, keyOf: (item: Item) => string): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  for await (const page of side) for (const item of page) items.set(keyOf(item), canonical(encodeItem(item)));
  return items;
}

async function exists(ctx: OpsContext, tableName: string): Promise<boolean> {
  try {
    await ctx.dynamo().send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return false;
    throw error;
  }
}

export async function verify(ctx: OpsContext, opts: { suffix: string; from?: string; show?: number }): Promise<{ equal: boolean; tables: TableComparison[] }> {
  const manifest = opts.from ? readManifest(opts.from) : undefined;
  const show = opts.show ?? 10;
  const tables: TableComparison[] = [];
  for (const def of ctx.tables) {
    const keyOf = (item: Item) =>
      canonical(encodeItem(Object.fromEntries([def.partitionKey, def.sortKey].filter((k): k is string => !!k).map((k) => [k, item[k]]))));
    const target = ctx.tableName(def.name, opts.suffix);
    const entry = manifest?.tables.find((t) => t.name === def.name);
    const source = entry && opts.from ? join(resolve(opts.from), entry.file) : manifest ? '(not in the backup)' : ctx.tableName(def.name);
    const result: TableComparison = { table: def.name, source, target, sourceItems: 0, targetItems: 0, missing: [], extra: [], changed: [] };
    tables.push(result);
    if (manifest && !entry) {
      result.error = `table ${def.name} is not in the backup`;
      continue;
    }
    const absent = [...(manifest ? [] : [source]), target].filter(Boolean);
    const missingTables = [];
    for (const name of absent) if (!(await exists(ctx, name))) missingTables.push(name);
    if (missingTables.length) {
      result.error = `no such table: ${missingTables.join(', ')}`;
      continue;
    }
    const from = await load(manifest ? readBackupFile(source) : scanTable(ctx.dynamo(), source), keyOf);
    const to = await load(scanTable(ctx.dynamo(), target), keyOf);
    result.sourceItems = from.size;
    result.targetItems = to.size;
    for (const [key, item] of from) {
      if (!to.has(key)) result.missing.push(key);
      else if (to.get(key) !== item) result.changed.push(key);
    }
    for (const key of to.keys()) if (!from.has(key)) result.extra.push(key);
  }

  for (const t of tables) {
    const same = !t.error && !t.missing.length && !t.extra.length && !t.changed.length;
    ctx.log(
      `${same ? 'same     ' : 'DIFFERENT'} ${t.table.padEnd(16)} ${String(t.sourceItems).padStart(7)} -> ${String(t.targetItems).padEnd(7)} ${t.source} -> ${t.target}`,
    );
    if (t.error) ctx.log(`          ${t.error}`);
    for (const [label, keys] of [
      ['missing in target', t.missing],
      ['only in target', t.extra],
      ['changed', t.changed],
    ] as const) {
      for (const key of keys.slice(0, show)) ctx.log(`          ${label}: ${key}`);
      if (keys.length > show) ctx.log(`          ... and ${keys.length - show} more ${label}`);
    }
  }
  const equal = tables.every((t) => !t.error && !t.missing.length && !t.extra.length && !t.changed.length);
  ctx.log(equal ? `equal: ${tables.length} tables, item by item` : 'DIFFERENT: see above');
  return { equal, tables };
}
