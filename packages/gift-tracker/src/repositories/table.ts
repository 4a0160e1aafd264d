/**
 * The Gift Tracker's one table, `gift-tracker` (declared by services/contacts/resources/tables.json,
 * shared by the contacts, events, gifts and images services). One table so that the reads
 * budgeted at 2 round trips (docs/performance.md) can be 2: an event and its gifts share an index partition
 * (summary), and events and birthdays share the calendar partition (upcoming).
 * Every item lives under its owner: pk USER#<userId>, sk <KIND>#<id>, so another user's id is
 * simply not found. The six GSIs are overloaded; docs/gift-tracker.md lists what each holds.
 */
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import {
  cancellationReasons,
  db,
  invalidCursor,
  isConditionFailed,
  queryPage,
  tableName,
  type Page,
  type PageRequest,
  type TransactItem,
} from '@platform/libs/db';
import { Conflict, NotFound } from '@platform/libs/errors';

export type Item = Record<string, unknown>;
export type Kind = 'CONTACT' | 'EVENT' | 'GIFT' | 'IMAGE';
export type IndexNo = 1 | 2 | 3 | 4 | 5 | 6;

export const TABLE = 'gift-tracker';
export const table = (): string => tableName(TABLE);

export const owner = (userId: string): string => `USER#${userId}`;
export const keyOf = (userId: string, kind: Kind, id: string) => ({ pk: owner(userId), sk: `${kind}#${id}` });

/** Partition values of the overloaded indexes, all prefixed by the owner. */
export const partitions = {
  contacts: (u: string) => `${owner(u)}#CONTACTS`, // gsi1: contacts by name key
  events: (u: string) => `${owner(u)}#EVENTS`, // gsi1: events by date
  gifts: (u: string) => `${owner(u)}#GIFTS`, // gsi1: gifts by date
  calendar: (u: string) => `${owner(u)}#CALENDAR`, // gsi2: one-off events, yearly events, birthdays
  giftName: (u: string, contactId: string, nameKey: string) => `${owner(u)}#CONTACT#${contactId}#NAME#${nameKey}`, // gsi2
  event: (u: string, eventId: string) => `${owner(u)}#EVENT#${eventId}`, // gsi3: the event and its gifts
  contactGifts: (u: string, contactId: string) => `${owner(u)}#CONTACT#${contactId}`, // gsi4
  giftImages: (u: string, giftId: string) => `${owner(u)}#GIFT#${giftId}`, // gsi4
  status: (u: string, status: string) => `${owner(u)}#STATUS#${status}`, // gsi5
  direction: (u: string, direction: string) => `${owner(u)}#DIRECTION#${direction}`, // gsi6
};

export const indexName = (n: IndexNo): string => `gsi${n}`;
export const indexKeys = (n: IndexNo): string[] => ['pk', 'sk', `gsi${n}pk`, `gsi${n}sk`];

/** Attributes that are storage, never part of a reply. */
const STORAGE = /^(pk|sk|gsi\dpk|gsi\dsk|userId|nameKey)$/;
const LAST = ['createdAt', 'updatedAt', 'version'];
/** The item without its storage attributes, `id` first and the bookkeeping last, whatever order DynamoDB kept. */
export function stripStorage(item: Item): Item {
  const fields = Object.keys(item)
    .filter((k) => !STORAGE.test(k) && k !== 'id' && !LAST.includes(k))
    .sort();
  return Object.fromEntries(['id', ...fields, ...LAST].filter((k) => k in item).map((k) => [k, item[k]]));
}

/** A PATCH that names a version answers 409 at once when the item has moved past it. */
export function assertVersion(current: { version: number }, requested: number | undefined, what: string): void {
  if (requested !== undefined && requested !== current.version) {
    throw new Conflict(`The ${what.toLowerCase()} changed since version ${requested} (now ${current.version})`, 'VERSION_CONFLICT');
  }
}

/** A path id that cannot be one of ours (not a ULID) is simply not found, never a database error. */
/** The thing found, or 404 naming what was asked for (another user's thing is not found either). */
export function existing<T>(value: T | undefined, what: string): T {
  if (!value) throw new NotFound(what);
  return value;
}

export async function getItem(userId: string, kind: Kind, id: string): Promise<Item | undefined> {
  const out = await db().send(new GetCommand({ TableName: table(), Key: keyOf(userId, kind, id) }));
  return out.Item;
}

/** The Put of a replacement item: only over an existing item (no resurrecting) of the expected version. */
export const replaceItem = (item: Item, expectedVersion: number): TransactItem => ({
  Put: {
    TableName: table(),
    Item: item,
    ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
  },
});

export const createItem = (item: Item): TransactItem => ({
  Put: { TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

export const conditionExists = (userId: string, kind: Kind, id: string): TransactItem => ({
  ConditionCheck: { TableName: table(), Key: keyOf(userId, kind, id), ConditionExpression: 'attribute_exists(pk)' },
});

/** Writes one item with a plain call, several in one transaction; returns the failed items' indexes. */
export async function write(items: TransactItem[]): Promise<number[]> {
  try {
    if (items.length === 1 && items[0].Put) await db().send(new PutCommand(items[0].Put));
    else await db().send(new TransactWriteCommand({ TransactItems: items }));
    return [];
  } catch (error) {
    if (items.length === 1 && isConditionFailed(error)) return [0];
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    const failed = reasons.flatMap((r, i) => (r === 'ConditionalCheckFailed' ? [i] : []));
    if (failed.length === 0) throw error; // a conflict between transactions, not a broken condition
    return failed;
  }
}

/** 404 when the item is gone, 409 when its version moved on. */
export async function staleOrMissing(userId: string, kind: Kind, id: string, expected: number, what: string): Promise<never> {
  const current = await getItem(userId, kind, id);
  if (!current) throw new NotFound(what);
  throw new Conflict(`The ${what.toLowerCase()} changed since version ${expected} (now ${current.version})`, 'VERSION_CONFLICT');
}

/** Deletes an item that exists; returns it (undefined when there was nothing). */
export async function deleteItem(userId: string, kind: Kind, id: string): Promise<Item | undefined> {
  try {
    const out = await db().send(
      new DeleteCommand({ TableName: table(), Key: keyOf(userId, kind, id), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' }),
    );
    return out.Attributes;
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}

/**
 * One page of an index partition. A cursor must come from this very list: one from another
 * user's or another filter's list (or a tampered one) is a 400, never a database error.
 */
export async function indexPage<T>(
  n: IndexNo,
  partition: string,
  page: PageRequest,
  map: (item: Item) => T,
  options: {
    sk?: { expression: string; values: Item };
    /** the index's sort key is unique in the partition: without `sk`, a cursor reads on as a key condition (seekAfter) */
    uniqueSortKey?: boolean;
    newestFirst?: boolean;
    filter?: { expression: string; values: Item; names?: Record<string, string> };
  } = {},
): Promise<Page<T>> {
  const key = `gsi${n}pk = :partition${options.sk ? ` AND ${options.sk.expression.replaceAll('#sk', `gsi${n}sk`)}` : ''}`;
  try {
    return await queryPage(
      {
        TableName: table(),
        IndexName: indexName(n),
        KeyConditionExpression: key,
        ExpressionAttributeValues: { ':partition': partition, ...options.sk?.values, ...options.filter?.values },
        ...(options.filter ? { FilterExpression: options.filter.expression } : {}),
        ...(options.filter?.names ? { ExpressionAttributeNames: options.filter.names } : {}),
        ScanIndexForward: !options.newestFirst,
      },
      page,
      indexKeys(n),
      map,
      options.uniqueSortKey && !options.sk ? `gsi${n}sk` : undefined,
    );
  } catch (error) {
    // A sealed cursor only opens for the query it came from; should DynamoDB still refuse its key, it is the cursor's fault.
    if (page.cursor && (error as { name?: string }).name === 'ValidationException') throw invalidCursor();
    throw error;
  }
}

/** Every item of an index partition (internal uses that need them all: unlinking, summaries). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out: QueryCommandOutput = await db().send(new QueryCommand({ ...input, TableName: table(), ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Deletes items by key, 25 a call (BatchWrite's limit), retrying what DynamoDB leaves unprocessed. */
export async function deleteKeys(keys: { pk: string; sk: string }[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let requests: unknown[] | undefined = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests?.length && attempt < 5; attempt++) {
      const out: BatchWriteCommandOutput = await db().send(new BatchWriteCommand({ RequestItems: { [table()]: requests as never } }));
      requests = out.UnprocessedItems?.[table()];
    }
  }
}

/** The sort key part for "newest first": the date (undated sorts oldest), then the ULID (creation). */
export const dateKey = (date: string | null | undefined, id: string): string => `${date ?? '0000-00-00'}#${id}`;

/** Drops undefined fields and turns nulls into absences, so an item never stores null. */
export function compact<T extends Item>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined && v !== null)) as T;
}
