/**
 * Lists are Queries with an opaque cursor: the LastEvaluatedKey, as base64url JSON. A cursor that
 * does not decode to a key of the expected attributes is a 400, never a 500.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors';
import { db } from './client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  /** 1..100; the list default (20) when absent */
  limit?: number;
  cursor?: string;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

type Key = Record<string, string | number>;

export function encodeCursor(key: Key | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined, keyNames: readonly string[]): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new ValidationError('The cursor is not valid for this list', [{ field: 'cursor', message: 'must be a cursor from a previous page' }], 'INVALID_CURSOR');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key as Record<string, unknown>);
  const valid =
    entries.length === keyNames.length && entries.every(([name, value]) => keyNames.includes(name) && (typeof value === 'string' || typeof value === 'number'));
  if (!valid) throw invalid();
  return key as Key;
}

/**
 * One page of a Query. `keyNames` are the attributes of the table key plus the index key (when
 * querying an index): the shape a LastEvaluatedKey has, used to check cursors coming back.
 */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  page: PageRequest,
  keyNames: readonly string[],
  map: (item: Record<string, unknown>) => T = (item) => item as T,
): Promise<Page<T>> {
  const out = await db().send(new QueryCommand({ ...input, Limit: page.limit ?? DEFAULT_LIMIT, ExclusiveStartKey: decodeCursor(page.cursor, keyNames) }));
  const items = (out.Items ?? []).map(map);
  // DynamoDB may return a LastEvaluatedKey on an exactly-full last page; that costs one empty page, never a lost item.
  return { items, nextCursor: encodeCursor(out.LastEvaluatedKey as Key | undefined) };
}
