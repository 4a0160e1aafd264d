/**
 * Lists are Queries with an opaque cursor. A cursor is the LastEvaluatedKey sealed with
 * AES-256-GCM under the stage's cursor secret, with the query it belongs to (table, index, key
 * condition and its values: the user's partition, filters, sort order) as associated data. So a
 * client can neither read nor forge one, and a cursor of another user, another list or another
 * filter does not open: 400 INVALID_CURSOR, never a 500 and never someone else's page.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { secret, secretsConfigured } from '../secrets';
import { ConfigurationError, ValidationError } from '../errors';
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

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Only for the local stage when no secrets are configured (a service run alone); AWS stages read theirs. */
const LOCAL_DEVELOPMENT_SECRET = 'local-development-cursor-secret';

let sealingKey: Buffer | undefined;

/**
 * Reads the stage's cursor secret (libs/src/secrets: Secrets Manager on AWS) once per container.
 * queryPage calls it when a page has a cursor to open or to seal; encodeCursor and decodeCursor need it first.
 */
export async function loadCursorKey(): Promise<void> {
  if (sealingKey) return;
  const value = secretsConfigured() ? await secret('cursor-secret') : config().stage === 'local' ? LOCAL_DEVELOPMENT_SECRET : undefined;
  if (!value) throw new ConfigurationError('SECRETS_PREFIX', 'is not set: list cursors cannot be sealed');
  sealingKey = createHash('sha256').update('platform list cursor\n').update(value).digest();
}

function cursorKey(): Buffer {
  if (!sealingKey) throw new Error('pagination: loadCursorKey() must run before a cursor is sealed or opened');
  return sealingKey;
}

/** What a cursor is bound to: the Query without its page (canonical JSON, hashed). */
export function cursorScope(input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>): Buffer {
  const canonical = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    if (value && typeof value === 'object') {
      return `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(value ?? null);
  };
  return createHash('sha256').update(canonical(input)).digest();
}

export const invalidCursor = () =>
  new ValidationError(
    'The cursor is not valid for this list',
    [{ field: 'cursor', message: 'must be the nextCursor of a previous page of this list' }],
    'INVALID_CURSOR',
  );

export function encodeCursor(key: Key | undefined, scope: Buffer): string | null {
  if (!key) return null;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', cursorKey(), iv).setAAD(scope);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, keyNames: readonly string[], scope: Buffer): Key | undefined {
  if (cursor === undefined) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES || bytes.toString('base64url') !== cursor) throw invalidCursor();
  let key: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', cursorKey(), bytes.subarray(0, IV_BYTES)).setAAD(scope);
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    key = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  // Sealed by this platform for this very query, so its shape holds; checked anyway, cheaply.
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalidCursor();
  const entries = Object.entries(key as Record<string, unknown>);
  const valid =
    entries.length === keyNames.length && entries.every(([name, value]) => keyNames.includes(name) && (typeof value === 'string' || typeof value === 'number'));
  if (!valid) throw invalidCursor();
  return key as Key;
}

type PageQuery = Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>;

/**
 * The page after `start` as a key condition on the sort key (`< :after` newest first, `> :after`
 * oldest first) instead of an ExclusiveStartKey: the same items in the same order when the sort
 * key is unique in the partition. DynamoDB seeks either way; DynamoDB Local (SQLite underneath)
 * walks the partition to a start key (11x slower at item 50,000 of 100,000 than at item 60 of
 * 100) and seeks to a key condition (1.4-1.5x): docs/performance.md "Scale".
 */
export function seekAfter(input: PageQuery, sortKey: string, start: Key): PageQuery {
  return {
    ...input,
    KeyConditionExpression: `${input.KeyConditionExpression} AND #cursorSortKey ${input.ScanIndexForward === false ? '<' : '>'} :cursorSortKey`,
    ExpressionAttributeNames: { ...input.ExpressionAttributeNames, '#cursorSortKey': sortKey },
    ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':cursorSortKey': start[sortKey] },
  };
}

/**
 * One page of a Query. `keyNames` are the attributes of the table key plus the index key (when
 * querying an index): the shape a LastEvaluatedKey has, used to check cursors coming back.
 * `seekBy`: the queried sort key, when it is unique in the partition and the Query has no
 * condition on it; a cursor then continues the list through seekAfter.
 */
export async function queryPage<T>(
  input: PageQuery,
  page: PageRequest,
  keyNames: readonly string[],
  map: (item: Record<string, unknown>) => T = (item) => item as T,
  seekBy?: string,
): Promise<Page<T>> {
  const scope = cursorScope(input);
  if (page.cursor !== undefined) await loadCursorKey();
  const start = decodeCursor(page.cursor, keyNames, scope);
  const query = start && seekBy ? seekAfter(input, seekBy, start) : { ...input, ExclusiveStartKey: start };
  const out = await db().send(new QueryCommand({ ...query, Limit: page.limit ?? DEFAULT_LIMIT }));
  const items = (out.Items ?? []).map(map);
  if (out.LastEvaluatedKey) await loadCursorKey();
  // DynamoDB may return a LastEvaluatedKey on an exactly-full last page; that costs one empty page, never a lost item.
  return { items, nextCursor: encodeCursor(out.LastEvaluatedKey as Key | undefined, scope) };
}
