/**
 * `backup`: every table of the stage to a folder of JSON-lines files (one item a line, DynamoDB's
 * typed form) and a manifest.json with each file's item count and SHA-256. On AWS stages each
 * table also gets an on-demand backup (CreateBackup), kept by AWS beside the exported files.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateBackupCommand } from '@aws-sdk/client-dynamodb';
import type { OpsContext } from './context';
import { encodeItem, scanTable } from './items';

export interface ManifestTable {
  /** logical name (tables.json), owning service, physical name it was read from */
  name: string;
  service: string;
  tableName: string;
  file: string;
  items: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: 1;
  stage: string;
  createdAt: string;
  tables: ManifestTable[];
  awsBackups: Array<{ tableName: string; backupArn: string }>;
}

export const MANIFEST = 'manifest.json';

/** 2026-11-25T08:53:21.123Z -> 20261125T085321Z: valid in folder names and AWS backup names. */
export const compactTime = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export async function backup(
  ctx: OpsContext,
  opts: { out?: string; pageSize?: number; awsBackup?: boolean } = {},
): Promise<{ folder: string; manifest: Manifest }> {
  const now = new Date();
  const folder = resolve(opts.out ?? join(ctx.root, '.local', 'backups', `${ctx.stage}-${compactTime(now)}`));
  mkdirSync(folder, { recursive: true });
  const client = ctx.dynamo();
  const manifest: Manifest = { format: 1, stage: ctx.stage, createdAt: now.toISOString(), tables: [], awsBackups: [] };

  for (const table of ctx.tables) {
    const tableName = ctx.tableName(table.name);
    const file = `${table.name}.jsonl`;
    const path = join(folder, file);
    writeFileSync(path, '');
    const hash = createHash('sha256');
    let items = 0;
    let bytes = 0;
    for await (const page of scanTable(client, tableName, opts.pageSize)) {
      if (!page.length) continue;
      const text = page.map((item) => `${JSON.stringify(encodeItem(item))}\n`).join('');
      appendFileSync(path, text);
      hash.update(text);
      items += page.length;
      bytes += Buffer.byteLength(text);
    }
    manifest.tables.push({ name: table.name, service: table.service, tableName, file, items, bytes, sha256: hash.digest('hex') });
    ctx.log(`${tableName.padEnd(36)} ${String(items).padStart(8)} items  ${file}`);
  }

  if (opts.awsBackup ?? !ctx.isLocal) {
    for (const { tableName } of manifest.tables) {
      const { BackupDetails } = await client.send(new CreateBackupCommand({ TableName: tableName, BackupName: `${tableName}-${compactTime(now)}` }));
      const backupArn = BackupDetails?.BackupArn;
      if (!backupArn) throw new Error(`CreateBackup of ${tableName} returned no BackupArn`);
      manifest.awsBackups.push({ tableName, backupArn });
      ctx.log(`${tableName.padEnd(36)} on-demand backup ${backupArn}`);
    }
  }
  writeFileSync(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  ctx.log(`backup of ${manifest.tables.length} tables (${manifest.tables.reduce((n, t) => n + t.items, 0)} items) in ${folder}`);
  return { folder, manifest };
}
