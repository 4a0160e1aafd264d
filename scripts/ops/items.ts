/**
 * DynamoDB items as JSON lines, and the table walks the ops verbs share. Items stay in DynamoDB's
 * own typed form (AttributeValue), so numbers keep their exact text, sets stay sets and binary
 * survives (as {"B": "<base64>"}): a restore writes back exactly what was read.
 */
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

/** AttributeValue -> JSON-safe value (Uint8Array becomes base64 text). */
function encodeValue(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: encodeItem(value.M) };
  if (value.L !== undefined) return { L: value.L.map(encodeValue) };
  return value;
}
export const encodeItem = (item: Item): Record<string, unknown> => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, encodeValue(v)]));

function decodeValue(value: Record<string, unknown>): AttributeValue {
  if (typeof value.B === 'string') return { B: Buffer.from(value.B, 'base64') };
  if (Array.isArray(value.BS)) return { BS: (value.BS as string[]).map((b) => Buffer.from(b, 'base64')) };
  if (value.M !== undefined) return { M: decodeItem(value.M as Record<string, Record<string, unknown>>) };
  if (Array.isArray(value.L)) return { L: (value.L as Array<Record<string, unknown>>).map(decodeValue) };
  return value as unknown as AttributeValue;
}
export const decodeItem = (item: Record<string, Record<string, unknown>>): Item =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, decodeValue(v)]));

/** One text per item whatever the order of its attributes or of its sets' members: for comparing. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      // Sets have no order in DynamoDB: sort their members.
      const member = ['SS', 'NS', 'BS'].includes(k) && Array.isArray(v) ? [...(v as string[])].sort() : v;
      return `${JSON.stringify(k)}:${canonical(member)}`;
    });
    return `{${entries.sort().join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Every item of a table, page by page. A Scan: fine in operations (backups, drills), never in a
 * request path. Strongly consistent, so a backup taken after a write contains it.
 */
export async function* scanTable(client: DynamoDBClient, tableName: string, pageSize?: number): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true, Limit: pageSize }));
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes items 25 at a time, retrying what DynamoDB hands back unprocessed (with backoff). */
export async function writeItems(client: DynamoDBClient, tableName: string, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 8) throw new Error(`${tableName}: ${pending.length} items still unprocessed after retries`);
      if (attempt) await sleep(Math.min(100 * 2 ** attempt, 5000));
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}
