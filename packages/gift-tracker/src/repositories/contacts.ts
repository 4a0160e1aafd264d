/**
 * ContactRepository: contacts on the `gift-tracker` table.
 *   pk USER#<u> / sk CONTACT#<id>
 *   gsi1  USER#<u>#CONTACTS / <name key>      list by name, `?q=` as begins_with on the name key
 *   gsi2  USER#<u>#CALENDAR / Y#<MM-DD>        only with a birthday: the upcoming calendar (calendar.ts),
 *         and its companion CALENDAR#CONTACT#<id> at Y#<MM+12>-<DD>
 */
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db, type Page, type PageRequest } from '@platform/libs/db';
import { calendarCompanion, calendarEntry, deleteWithCompanion } from './calendar';
import { compact, conditionExists, createItem, existing, getItem, indexPage, type Item, keyOf, partitions, replaceItem } from './table';
import { staleOrMissing, stripStorage, table, write } from './table';
import type { TransactItem } from '@platform/libs/db';
import type { Contact } from '../model';

const ABSENT = { relationship: null, birthday: null, email: null, phone: null, notes: null, interests: [], sizes: {} };

export const toContact = (item: Item): Contact => stripStorage({ ...ABSENT, ...item }) as unknown as Contact;

function toItem(userId: string, contact: Contact, nameKey: string): Item {
  return compact({
    ...keyOf(userId, 'CONTACT', contact.id),
    ...contact,
    userId,
    nameKey,
    gsi1pk: partitions.contacts(userId),
    gsi1sk: nameKey,
    ...(contact.birthday ? calendarEntry(userId, contact.birthday) : {}),
  });
}

export class ContactRepository {
  async create(userId: string, contact: Contact, nameKey: string): Promise<Contact> {
    const item = toItem(userId, contact, nameKey);
    const failed = await write(contact.birthday ? [createItem(item), calendarCompanion(userId, 'CONTACT', contact)] : [createItem(item)]);
    if (failed.length) throw new Error(`contact ${contact.id} already exists`); // a fresh ULID: never, unless the id generator breaks
    return toContact(item);
  }

  async find(userId: string, id: string): Promise<Contact | undefined> {
    const item = await getItem(userId, 'CONTACT', id);
    return item && toContact(item);
  }

  async require(userId: string, id: string): Promise<Contact> {
    return existing(await this.find(userId, id), 'Contact');
  }

  /** By name key (case-insensitive order); with a prefix, only names starting with it. */
  list(userId: string, prefix: string | undefined, page: PageRequest): Promise<Page<Contact>> {
    return indexPage(1, partitions.contacts(userId), page, toContact, {
      sk: prefix ? { expression: 'begins_with(#sk, :prefix)', values: { ':prefix': prefix } } : undefined,
    });
  }

  /** Replaces the contact when it is still at `expectedVersion`; 404 when gone, 409 when stale. */
  async replace(userId: string, contact: Contact, nameKey: string, expectedVersion: number): Promise<Contact> {
    const item = toItem(userId, contact, nameKey);
    const failed = await write([replaceItem(item, expectedVersion), calendarCompanion(userId, 'CONTACT', contact)]);
    if (failed.length) await staleOrMissing(userId, 'CONTACT', contact.id, expectedVersion, 'Contact');
    return toContact(item);
  }

  /** The transaction item that checks a contact is the user's (for whatever links to it). */
  linkCheck(userId: string, id: string): TransactItem {
    return conditionExists(userId, 'CONTACT', id);
  }

  /** Deletes the contact with its calendar entry; false when there was no contact. */
  remove(userId: string, id: string): Promise<boolean> {
    return deleteWithCompanion(userId, 'CONTACT', id);
  }

  /** Names of the user's contacts by id (the ones that still exist), in one BatchGet per 100. */
  async names(userId: string, ids: readonly string[]): Promise<Record<string, string>> {
    const names: Record<string, string> = {};
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => keyOf(userId, 'CONTACT', id));
      for (let attempt = 0; keys?.length && attempt < 5; attempt++) {
        const out: BatchGetCommandOutput = await db().send(
          new BatchGetCommand({
            RequestItems: { [table()]: { Keys: keys, ProjectionExpression: 'id, #name', ExpressionAttributeNames: { '#name': 'name' } } },
          }),
        );
        for (const item of out.Responses?.[table()] ?? []) names[item.id as string] = item.name as string;
        keys = out.UnprocessedKeys?.[table()]?.Keys;
      }
    }
    return names;
  }
}

export const contacts = new ContactRepository();
