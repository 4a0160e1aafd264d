/**
 * The upcoming calendar: gsi2 partition USER#<u>#CALENDAR holds every event (one-off and yearly)
 * and every contact's birthday at the two positions of its month and day (calendarPositions:
 * `Y#MM-DD` and, a year on, `Y#<MM+12>-DD`), so the window of any `GET /events/upcoming` is one
 * BETWEEN of one Query. The event or contact item is the first entry; the second is a companion
 * item (pk USER#<u> / sk CALENDAR#<kind>#<id>) holding only what the calendar reads, written,
 * replaced and deleted in the same transaction as its item.
 */
import type { TransactItem } from '@platform/libs/db';
import { calendarPositions, type DateWindow, positionRange, type UpcomingContact, type UpcomingEvent } from '../domain/occurrences';
import { type Item, owner, partitions, queryAll, table, write } from './table';
import type { Contact, GiftTrackerEvent } from '../model';

export type CalendarKind = 'EVENT' | 'CONTACT';

export interface Calendar {
  events: UpcomingEvent[];
  contacts: UpcomingContact[];
}

const COMPANION = 'CALENDAR#';
const companionKey = (userId: string, kind: CalendarKind, id: string) => ({ pk: owner(userId), sk: `${COMPANION}${kind}#${id}` });
const position = (userId: string, at: string) => ({ gsi2pk: partitions.calendar(userId), gsi2sk: `Y#${at}` });

/** The index attributes that put an item at the first position of its date (`YYYY-MM-DD` or `--MM-DD`). */
export const calendarEntry = (userId: string, date: string) => position(userId, calendarPositions(date)[0]);

/** What the calendar reads of an event (id, name, date, recurring) or a contact (id, name, birthday): its companion's fields. */
function entryOf(kind: CalendarKind, of: Item): { date: unknown; fields: Item } {
  const { id, name } = of;
  if (kind === 'EVENT') return { date: of.date, fields: { id, name, date: of.date, recurring: of.recurring } };
  return { date: of.birthday, fields: { id, name, birthday: of.birthday } };
}

/** The companion's write, beside the event's or contact's own: a Put at its second position, a Delete when it has no date. */
export function calendarCompanion(userId: string, kind: CalendarKind, of: GiftTrackerEvent | Contact | Item): TransactItem {
  const { date, fields } = entryOf(kind, of as Item);
  const Key = companionKey(userId, kind, of.id as string);
  if (typeof date !== 'string') return { Delete: { TableName: table(), Key } };
  return { Put: { TableName: table(), Item: { ...Key, ...position(userId, calendarPositions(date)[1]), userId, ...fields } } };
}

/**
 * The one-off backfill (`npm run ops -- calendar-backfill`): puts a stored event or contact, written
 * before the two-position calendar, at both positions, unless it changed meanwhile (false then).
 */
export async function relayCalendar(item: Item): Promise<boolean> {
  const [userId, kind] = [item.userId as string, (item.sk as string).split('#')[0] as CalendarKind];
  const { date } = entryOf(kind, item);
  const entry = typeof date === 'string' ? calendarEntry(userId, date) : undefined;
  const failed = await write([
    {
      Update: {
        TableName: table(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: entry ? 'SET gsi2pk = :p, gsi2sk = :s' : 'REMOVE gsi2pk, gsi2sk',
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':v': item.version, ...(entry ? { ':p': entry.gsi2pk, ':s': entry.gsi2sk } : {}) },
      },
    },
    calendarCompanion(userId, kind, item),
  ]);
  return failed.length === 0;
}

/** Deletes an item that exists together with its companion (one transaction); false when there was no item. */
export async function deleteWithCompanion(userId: string, kind: CalendarKind, id: string): Promise<boolean> {
  const Key = { pk: owner(userId), sk: `${kind}#${id}` };
  const failed = await write([
    { Delete: { TableName: table(), Key, ConditionExpression: 'attribute_exists(pk)' } },
    { Delete: { TableName: table(), Key: companionKey(userId, kind, id) } },
  ]);
  return failed.length === 0;
}

/**
 * Every event and birthday that can occur in the window: one Query of the positions the window
 * covers (positionRange). One-off events of other years at the same month and day are left out
 * by the filter; nextOccurrences decides the exact dates. A window over a year long reads both
 * entries of some items: each counts once.
 */
export async function readCalendar(userId: string, window: DateWindow): Promise<Calendar> {
  const range = positionRange(window);
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :p AND gsi2sk BETWEEN :from AND :to',
    FilterExpression: 'attribute_not_exists(#date) OR recurring = :yearly OR #date BETWEEN :first AND :last',
    ProjectionExpression: 'sk, id, #name, #date, recurring, birthday',
    ExpressionAttributeNames: { '#name': 'name', '#date': 'date' },
    ExpressionAttributeValues: {
      ':p': partitions.calendar(userId),
      ':from': `Y#${range.from}`,
      ':to': `Y#${range.to}`,
      ':yearly': 'yearly',
      ':first': window.from,
      ':last': window.to,
    },
  });
  const calendar: Calendar = { events: [], contacts: [] };
  const seen = new Set<string>();
  for (const item of items) {
    const sk = item.sk as string;
    const of = sk.startsWith(COMPANION) ? sk.slice(COMPANION.length) : sk;
    if (seen.has(of)) continue;
    seen.add(of);
    if (of.startsWith('EVENT#')) calendar.events.push(item as Item & UpcomingEvent);
    else calendar.contacts.push(item as Item & UpcomingContact);
  }
  return calendar;
}
