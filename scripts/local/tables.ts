import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { REPO_ROOT } from './services';

/** One entry of services/<name>/resources/tables.json. Every key attribute is a string (S). */
export interface TableDefinition {
  name: string;
  partitionKey: string;
  sortKey?: string;
  indexes?: Array<{ name: string; partitionKey: string; sortKey?: string }>;
  ttlAttribute?: string;
}

export interface OwnedTable extends TableDefinition {
  service: string;
}

/** Every table every service declares; a logical name declared twice is a mistake worth failing on. */
export function readTableDefinitions(root = REPO_ROOT): OwnedTable[] {
  const servicesDir = join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  const tables: OwnedTable[] = [];
  for (const service of readdirSync(servicesDir).sort()) {
    const file = join(servicesDir, service, 'resources', 'tables.json');
    if (!existsSync(file)) continue;
    const declared = JSON.parse(readFileSync(file, 'utf8')) as TableDefinition[];
    for (const table of declared) {
      const clash = tables.find((t) => t.name === table.name);
      if (clash) throw new Error(`table "${table.name}" is declared by both ${clash.service} and ${service}`);
      tables.push({ ...table, service });
    }
  }
  return tables;
}

export const physicalTableName = (stage: string, logical: string): string => `platform-${stage}-${logical}`;

const keySchema = (partitionKey: string, sortKey?: string): KeySchemaElement[] => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : []),
];

function attributeDefinitions(table: TableDefinition): AttributeDefinition[] {
  const names = new Set([table.partitionKey, table.sortKey]);
  for (const index of table.indexes ?? []) names.add(index.partitionKey).add(index.sortKey);
  return [...names].filter((n): n is string => !!n).map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
}

async function listAllTables(client: DynamoDBClient): Promise<Set<string>> {
  const names = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const n of page.TableNames ?? []) names.add(n);
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
}

async function waitActive(client: DynamoDBClient, tableName: string): Promise<void> {
  // DynamoDB Local is ACTIVE at once; on AWS creation and index backfill take a while.
  for (let attempt = 0; attempt < 300; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const busy = Table?.TableStatus !== 'ACTIVE' || Table.GlobalSecondaryIndexes?.some((i) => i.IndexStatus !== 'ACTIVE');
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}

async function ensureTtl(client: DynamoDBClient, tableName: string, attribute: string): Promise<boolean> {
  const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl?.TimeToLiveStatus === 'ENABLED' && ttl.AttributeName === attribute) return false;
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } }));
  return true;
}

/** Indexes added to tables.json after a table was created (kept local data must not need a wipe). */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, table: TableDefinition): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const added: string[] = [];
  // DynamoDB accepts one index creation per UpdateTable call.
  for (const index of (table.indexes ?? []).filter((i) => !existing.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions(table),
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: index.name, KeySchema: keySchema(index.partitionKey, index.sortKey), Projection: { ProjectionType: 'ALL' } } },
        ],
      }),
    );
    await waitActive(client, tableName);
    added.push(`${tableName}.${index.name}`);
  }
  return added;
}

export interface EnsureTablesResult {
  created: string[];
  existing: string[];
  changes: string[];
}

/**
 * Creates every declared table that is missing as platform-<stage>-<name> (on-demand, indexes
 * projecting ALL), enables TTL where declared, and adds indexes declared since the table was made.
 * Idempotent: safe on every start and from ops scripts (restore into fresh tables).
 */
export async function ensureTables(
  client: DynamoDBClient,
  stage: string,
  root = REPO_ROOT,
  tables: TableDefinition[] = readTableDefinitions(root),
): Promise<EnsureTablesResult> {
  const present = await listAllTables(client);
  const result: EnsureTablesResult = { created: [], existing: [], changes: [] };
  for (const table of tables) {
    const tableName = physicalTableName(stage, table.name);
    if (present.has(tableName)) {
      result.existing.push(tableName);
      result.changes.push(...(await addMissingIndexes(client, tableName, table)));
    } else {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: attributeDefinitions(table),
          KeySchema: keySchema(table.partitionKey, table.sortKey),
          GlobalSecondaryIndexes: table.indexes?.length
            ? table.indexes.map((index) => ({
                IndexName: index.name,
                KeySchema: keySchema(index.partitionKey, index.sortKey),
                Projection: { ProjectionType: 'ALL' },
              }))
            : undefined,
        }),
      );
      await waitActive(client, tableName);
      result.created.push(tableName);
    }
    if (table.ttlAttribute && (await ensureTtl(client, tableName, table.ttlAttribute))) {
      result.changes.push(`${tableName} ttl ${table.ttlAttribute}`);
    }
  }
  return result;
}
