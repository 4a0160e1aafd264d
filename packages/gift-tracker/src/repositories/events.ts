/**
 * EventRepository: events on the `gift-tracker` table.
 *   pk USER#<u> / sk EVENT#<id>
 *   gsi1  USER#<u>#EVENTS   / <date>#<id>                  list by date, `?from=&to=`
 *   gsi2  USER#<u>#CALENDAR / Y#<MM-DD>                    the upcoming calendar (with birthdays; calendar.ts),
 *         and its companion CALENDAR#EVENT#<id> at Y#<MM+12>-<DD>
 *   gsi3  USER#<u>#EVENT#<id> / E                          the event beside its gifts (G#...)
 * `currency` (storage only) is the event's one currency: its budget's, or the first priced gift's.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, type Page, type PageRequest } from '@platform/libs/db';
import { AppError, NotFound } from '@platform/libs/errors';
import { type Calendar, calendarCompanion, calendarEntry, deleteWithCompanion, readCalendar } from './calendar';
import { compact, conditionExists, createItem, existing, getItem, indexPage, type Item, keyOf, partitions, queryAll } from './table';
import { replaceItem, staleOrMissing, stripStorage, table, write } from './table';
import type { TransactItem } from '@platform/libs/db';
import type { DateWindow } from '../domain/occurrences';
import type { GiftTrackerEvent, StoredEvent } from '../model';

export function toEvent(item: Item): GiftTrackerEvent {
  const { currency: _currency, ...event } = stripStorage({ contactIds: [], budget: null, ...item }) as unknown as StoredEvent;
  return event;
}

const toStored = (item: Item): StoredEvent => ({ ...toEvent(item), ...(item.currency ? { currency: item.currency as string } : {}) });

function toItem(userId: string, event: StoredEvent): Item {
  return compact({
    ...keyOf(userId, 'EVENT', event.id),
    ...event,
    contactIds: event.contactIds.length ? event.contactIds : undefined,
    currency: event.budget?.currency ?? event.currency,
    userId,
    gsi1pk: partitions.events(userId),
    gsi1sk: `${event.date}#${event.id}`,
    ...calendarEntry(userId, event.date),
    gsi3pk: partitions.event(userId, event.id),
    gsi3sk: 'E',
  });
}

/** ConditionChecks that every contact id is one of the user's contacts (404 otherwise). */
const contactChecks = (userId: string, contactIds: readonly string[]): TransactItem[] => contactIds.map((id) => conditionExists(userId, 'CONTACT', id));

function contactMissing(failed: number[], contactIds: readonly string[], offset: number): never {
  const index = (failed.find((i) => i >= offset) ?? offset) - offset;
  throw new AppError(404, 'NOT_FOUND', 'Contact not found', [{ field: `contactIds.${index}`, message: `contact ${contactIds[index]} not found` }]);
}

export class EventRepository {
  async create(userId: string, event: GiftTrackerEvent): Promise<GiftTrackerEvent> {
    const item = toItem(userId, event);
    const failed = await write([createItem(item), calendarCompanion(userId, 'EVENT', event), ...contactChecks(userId, event.contactIds)]);
    if (failed.length) contactMissing(failed, event.contactIds, 2);
    return toEvent(item);
  }

  async find(userId: string, id: string): Promise<StoredEvent | undefined> {
    const item = await getItem(userId, 'EVENT', id);
    return item && toStored(item);
  }

  async require(userId: string, id: string): Promise<StoredEvent> {
    return existing(await this.find(userId, id), 'Event');
  }

  /** The event as clients see it (404 when it is not the user's). */
  async get(userId: string, id: string): Promise<GiftTrackerEvent> {
    const { currency: _currency, ...event } = await this.require(userId, id);
    return event;
  }

  /** By stored date, oldest first; `from`/`to` both inclusive. */
  list(userId: string, range: { from?: string; to?: string }, page: PageRequest): Promise<Page<GiftTrackerEvent>> {
    const { from, to } = range;
    const values: Item = {};
    if (from) values[':from'] = from;
    if (to) values[':to'] = `${to}#~`; // '~' sorts after every ULID character
    const expression = from && to ? '#sk BETWEEN :from AND :to' : from ? '#sk >= :from' : to ? '#sk <= :to' : undefined;
    return indexPage(1, partitions.events(userId), page, toEvent, { sk: expression ? { expression, values } : undefined, uniqueSortKey: true });
  }

  /** The events and birthdays that can occur in the window (one Query of the calendar partition). */
  calendar(userId: string, window: DateWindow): Promise<Calendar> {
    return readCalendar(userId, window);
  }

  /** The event and every gift item linked to it, in one Query of its gsi3 partition. */
  async withGifts(userId: string, id: string): Promise<{ event: StoredEvent; giftItems: Item[] }> {
    const items = await queryAll({
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :p',
      ExpressionAttributeValues: { ':p': partitions.event(userId, id) },
    });
    const eventItem = items.find((i) => i.gsi3sk === 'E');
    if (!eventItem) throw new NotFound('Event');
    return { event: toStored(eventItem), giftItems: items.filter((i) => i !== eventItem) };
  }

  /** Replaces the event (still at `expectedVersion`) after checking its new contacts are the user's. */
  async replace(userId: string, event: StoredEvent, expectedVersion: number, newContactIds: readonly string[]): Promise<GiftTrackerEvent> {
    const item = toItem(userId, event);
    const failed = await write([replaceItem(item, expectedVersion), calendarCompanion(userId, 'EVENT', event), ...contactChecks(userId, newContactIds)]);
    if (failed.includes(0)) await staleOrMissing(userId, 'EVENT', event.id, expectedVersion, 'Event');
    if (failed.length) contactMissing(failed, newContactIds, 2);
    return toEvent(item);
  }

  /** Deletes the event with its calendar entry; false when there was no event. */
  remove(userId: string, id: string): Promise<boolean> {
    return deleteWithCompanion(userId, 'EVENT', id);
  }

  /** Deleting a contact takes it out of the user's events' contactIds (a Query of the user's events). */
  async forgetContact(userId: string, contactId: string): Promise<number> {
    const linked = await queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      FilterExpression: 'contains(contactIds, :c)',
      ExpressionAttributeValues: { ':p': partitions.events(userId), ':c': contactId },
    });
    for (const item of linked) await this.dropContact(userId, item, contactId);
    return linked.length;
  }

  /** Takes one contact out of an event's contactIds, re-reading it when it changed meanwhile. */
  private async dropContact(userId: string, item: Item, contactId: string, attempts = 3): Promise<void> {
    const contactIds = ((item.contactIds as string[] | undefined) ?? []).filter((c) => c !== contactId);
    try {
      await db().send(
        new UpdateCommand({
          TableName: table(),
          Key: keyOf(userId, 'EVENT', item.id as string),
          UpdateExpression: `SET updatedAt = :now${contactIds.length ? ', contactIds = :ids' : ''} ADD #version :one${contactIds.length ? '' : ' REMOVE contactIds'}`,
          ConditionExpression: '#version = :v',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':now': new Date().toISOString(), ':one': 1, ':v': item.version, ...(contactIds.length ? { ':ids': contactIds } : {}) },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error) || attempts <= 1) throw error;
      const current = await getItem(userId, 'EVENT', item.id as string);
      if (current) await this.dropContact(userId, current, contactId, attempts - 1);
    }
  }

  /**
   * The transaction item that links a gift to the event: the event must exist, and a priced gift
   * must be in the event's currency (which it sets when the event has none yet).
   */
  linkGift(userId: string, eventId: string, currency: string | undefined): TransactItem {
    if (!currency) return conditionExists(userId, 'EVENT', eventId);
    return {
      Update: {
        TableName: table(),
        Key: keyOf(userId, 'EVENT', eventId),
        UpdateExpression: 'SET currency = :c',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(currency) OR currency = :c)',
        ExpressionAttributeValues: { ':c': currency },
      },
    };
  }

  /**
   * Sets the event's currency when it has none, or when it has no budget and no priced gift
   * still uses the old one (`release`): true when the event now has `currency`.
   */
  async claimCurrency(userId: string, id: string, currency: string, release?: string): Promise<boolean> {
    try {
      await db().send(
        new UpdateCommand({
          TableName: table(),
          Key: keyOf(userId, 'EVENT', id),
          UpdateExpression: 'SET currency = :c',
          ConditionExpression: release
            ? 'attribute_exists(pk) AND currency = :old AND attribute_not_exists(budget)'
            : 'attribute_exists(pk) AND (attribute_not_exists(currency) OR currency = :c)',
          ExpressionAttributeValues: { ':c': currency, ...(release ? { ':old': release } : {}) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}

export const events = new EventRepository();
