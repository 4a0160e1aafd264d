/**
 * ContactRepository: contacts on the `gift-tracker` table.
 *   pk USER#<u> / sk CONTACT#<id>
 *   gsi1  USER#<u>#CONTACTS / <name key>      list by name, `?q=` as begins_with on the name key
 *   gsi2  USER#<u>#CALENDAR / Y#<MM-DD>        only with a birthday: the upcoming calendar
 */
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db, type Page, type PageRequest } from '@platform/libs/db';
import { compact, conditionExists, deleteItem, existing, getItem, indexPage, type Item, keyOf, partitions, putNew, replaceItem } from './table';
import { staleOrMissing, stripStorage, table, write } from './table';
import type { TransactItem } from '@platform/libs/db';
import type { Contact } from '../model';

const ABSENT = { relationship: null, birthday: null, email: null, phone: null, notes: null, interests: [], sizes: {} };

export const toContact = (item: Item): Contact => stripStorage({ ...ABSENT, ...item }) as unknown as Contact;

/** The birthday's month and day, the key of a yearly calendar entry. */
export const monthDay = (birthday: string): string => birthday.slice(-5);

function toItem(userId: string, contact: Contact, nameKey: string): Item {
  return compact({
    ...keyOf(userId, 'CONTACT', contact.id),
    ...contact,
    userId,
    nameKey,
    gsi1pk: partitions.contacts(userId),
    gsi1sk: nameKey,
    ...(contact.birthday ? { gsi2pk: partitions.calendar(userId), gsi2sk: `Y#${monthDay(contact.birthday)}` } : {}),
  });
}

export class ContactRepository {
  async create(userId: string, contact: Contact, nameKey: string): Promise<Contact> {
    await putNew(toItem(userId, contact, nameKey));
    return toContact(toItem(userId, contact, nameKey));
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
    const failed = await write([replaceItem(item, expectedVersion)]);
    if (failed.length) await staleOrMissing(userId, 'CONTACT', contact.id, expectedVersion, 'Contact');
    return toContact(item);
  }

  /** The transaction item that checks a contact is the user's (for whatever links to it). */
  linkCheck(userId: string, id: string): TransactItem {
    return conditionExists(userId, 'CONTACT', id);
  }

  async remove(userId: string, id: string): Promise<Contact | undefined> {
    const old = await deleteItem(userId, 'CONTACT', id);
    return old && toContact(old);
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
