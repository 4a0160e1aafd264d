/**
 * GiftRepository: gifts on the `gift-tracker` table. <dk> is <date or 0000-00-00>#<id>, so a
 * descending Query is "newest first": by the gift's date, then by creation (ULID).
 *   pk USER#<u> / sk GIFT#<id>
 *   gsi1  USER#<u>#GIFTS / <dk>                                 every gift of the user
 *   gsi2  USER#<u>#CONTACT#<c>#NAME#<name key> / <id>           same-name gifts of a contact (duplicate warning)
 *   gsi3  USER#<u>#EVENT#<e> / G#<dk>                            an event's gifts (beside the event item E)
 *   gsi4  USER#<u>#CONTACT#<c> / G#<dk>                          a contact's gifts
 *   gsi5  USER#<u>#STATUS#<status> / <dk>                        by status
 *   gsi6  USER#<u>#DIRECTION#<direction> / <dk>                  by direction
 * gsi2, gsi3 and gsi4 are sparse: only gifts linked to a contact or an event are in them.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, type Page, type PageRequest } from '@platform/libs/db';
import { compact, createItem, dateKey, deleteItem, existing, getItem, type IndexNo, indexPage, type Item, keyOf, partitions } from './table';
import { queryAll, replaceItem, table } from './table';
import type { TransactItem } from '@platform/libs/db';
import type { Gift, GiftFilters } from '../model';

/**
 * A stored item (its `imageIds` set) or a gift being written (its `images`), as clients see it:
 * `id`, the fields in name order, the bookkeeping last (stripStorage's order), absent ones null.
 * Written out field by field: it maps every item of every gift page.
 */
export function toGift(item: Item | Gift): Gift {
  const g = item as Partial<Gift> & { imageIds?: Set<string> };
  const images = g.imageIds ?? g.images;
  return {
    id: g.id as string,
    contactId: g.contactId ?? null,
    date: g.date ?? null,
    direction: g.direction as Gift['direction'],
    eventId: g.eventId ?? null,
    images: images ? [...images].sort() : [],
    name: g.name as string,
    notes: g.notes ?? null,
    price: g.price ?? null,
    status: g.status as string,
    store: g.store ?? null,
    url: g.url ?? null,
    createdAt: g.createdAt as string,
    updatedAt: g.updatedAt as string,
    version: g.version as number,
  };
}

function toItem(userId: string, gift: Gift, nameKey: string, imageIds?: Set<string>): Item {
  const dk = dateKey(gift.date, gift.id);
  const { images: _images, ...fields } = gift;
  return compact({
    ...keyOf(userId, 'GIFT', gift.id),
    ...fields,
    imageIds: imageIds?.size ? imageIds : undefined,
    userId,
    nameKey,
    gsi1pk: partitions.gifts(userId),
    gsi1sk: dk,
    ...(gift.contactId
      ? {
          gsi2pk: partitions.giftName(userId, gift.contactId, nameKey),
          gsi2sk: gift.id,
          gsi4pk: partitions.contactGifts(userId, gift.contactId),
          gsi4sk: `G#${dk}`,
        }
      : {}),
    ...(gift.eventId ? { gsi3pk: partitions.event(userId, gift.eventId), gsi3sk: `G#${dk}` } : {}),
    gsi5pk: partitions.status(userId, gift.status),
    gsi5sk: dk,
    gsi6pk: partitions.direction(userId, gift.direction),
    gsi6sk: dk,
  });
}

/** The gift, and the image ids it already holds (kept as they are when the gift is replaced). */
export interface StoredGift {
  gift: Gift;
  imageIds: Set<string>;
}

export class GiftRepository {
  /** The Put of a new gift, for a transaction with its links. */
  createItem(userId: string, gift: Gift, nameKey: string): TransactItem {
    return createItem(toItem(userId, gift, nameKey));
  }

  /** The Put that replaces a gift still at `expectedVersion`. */
  replaceItem(userId: string, stored: StoredGift, next: Gift, nameKey: string): TransactItem {
    return replaceItem(toItem(userId, { ...next, version: stored.gift.version + 1 }, nameKey, stored.imageIds), stored.gift.version);
  }

  async find(userId: string, id: string): Promise<StoredGift | undefined> {
    const item = await getItem(userId, 'GIFT', id);
    return item && { gift: toGift(item), imageIds: (item.imageIds as Set<string> | undefined) ?? new Set() };
  }

  async require(userId: string, id: string): Promise<StoredGift> {
    return existing(await this.find(userId, id), 'Gift');
  }

  /** The newest other gift of this contact with the same name key, if any (one Query of gsi2). */
  async sameName(userId: string, contactId: string, nameKey: string, exceptId: string): Promise<string | undefined> {
    const out = await db().send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': partitions.giftName(userId, contactId, nameKey) },
        ProjectionExpression: 'id',
        ScanIndexForward: false,
        Limit: 2,
      }),
    );
    return out.Items?.map((i) => i.id as string).find((id) => id !== exceptId);
  }

  /**
   * Newest first. The most selective filter picks the index (contact, event, status, direction);
   * the others filter that Query's page.
   */
  list(userId: string, filters: GiftFilters, page: PageRequest): Promise<Page<Gift>> {
    const { contactId, eventId, status, direction } = filters;
    const [n, partition, keyed]: [IndexNo, string, keyof GiftFilters | undefined] = contactId
      ? [4, partitions.contactGifts(userId, contactId), 'contactId']
      : eventId
        ? [3, partitions.event(userId, eventId), 'eventId']
        : status
          ? [5, partitions.status(userId, status), 'status']
          : direction
            ? [6, partitions.direction(userId, direction), 'direction']
            : [1, partitions.gifts(userId), undefined];
    const rest = (Object.entries(filters) as [keyof GiftFilters, string | undefined][]).filter(([k, v]) => v !== undefined && k !== keyed);
    const filter = rest.length
      ? {
          expression: rest.map(([k]) => `#f_${k} = :f_${k}`).join(' AND '),
          values: Object.fromEntries(rest.map(([k, v]) => [`:f_${k}`, v])),
          names: Object.fromEntries(rest.map(([k]) => [`#f_${k}`, k])),
        }
      : undefined;
    const sk = n === 3 || n === 4 ? { expression: 'begins_with(#sk, :g)', values: { ':g': 'G#' } } : undefined;
    return indexPage(n, partition, page, toGift, { newestFirst: true, sk, filter, uniqueSortKey: true });
  }

  async remove(userId: string, id: string): Promise<Gift | undefined> {
    const old = await deleteItem(userId, 'GIFT', id);
    return old && toGift(old);
  }

  /** A deleted contact leaves its gifts in place with the link cleared. */
  unlinkContact(userId: string, contactId: string): Promise<number> {
    return this.unlink(userId, 4, partitions.contactGifts(userId, contactId), 'contactId', contactId, ['gsi2pk', 'gsi2sk', 'gsi4pk', 'gsi4sk']);
  }

  /** A deleted event leaves its gifts in place with the link cleared. */
  unlinkEvent(userId: string, eventId: string): Promise<number> {
    return this.unlink(userId, 3, partitions.event(userId, eventId), 'eventId', eventId, ['gsi3pk', 'gsi3sk']);
  }

  private async unlink(userId: string, n: IndexNo, partition: string, field: string, id: string, keys: string[]): Promise<number> {
    const linked = await queryAll({
      IndexName: `gsi${n}`,
      KeyConditionExpression: `gsi${n}pk = :p AND begins_with(gsi${n}sk, :g)`,
      ExpressionAttributeValues: { ':p': partition, ':g': 'G#' },
      ProjectionExpression: 'id',
    });
    let cleared = 0;
    for (const { id: giftId } of linked) {
      try {
        await db().send(
          new UpdateCommand({
            TableName: table(),
            Key: keyOf(userId, 'GIFT', giftId as string),
            // Only while it still points there: a gift re-linked meanwhile keeps its new link.
            UpdateExpression: `REMOVE #field, ${keys.join(', ')} SET updatedAt = :now ADD #version :one`,
            ConditionExpression: '#field = :id',
            ExpressionAttributeNames: { '#field': field, '#version': 'version' },
            ExpressionAttributeValues: { ':id': id, ':now': new Date().toISOString(), ':one': 1 },
          }),
        );
        cleared += 1;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    return cleared;
  }

  /** Adds (or takes away) an image id on the gift; the gift must exist. */
  imageLink(userId: string, giftId: string, imageId: string, action: 'ADD' | 'DELETE'): TransactItem {
    return { Update: this.imageLinkUpdate(userId, giftId, imageId, action) };
  }

  /** The update of imageLink, to send on its own. */
  imageLinkUpdate(userId: string, giftId: string, imageId: string, action: 'ADD' | 'DELETE') {
    return {
      TableName: table(),
      Key: keyOf(userId, 'GIFT', giftId),
      UpdateExpression: `${action === 'ADD' ? 'ADD imageIds :image,' : 'DELETE imageIds :image ADD'} #version :one SET updatedAt = :now`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':image': new Set([imageId]), ':one': 1, ':now': new Date().toISOString() },
    };
  }
}

export const gifts = new GiftRepository();
