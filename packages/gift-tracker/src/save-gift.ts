/**
 * Writing a gift together with its links, in one transaction: a contact it newly names must be
 * the user's (404), an event too (404), and a priced gift must be in the event's one currency
 * (422 CURRENCY_MISMATCH), which it sets when the event has none yet. An event without a budget
 * whose earlier priced gifts are all gone or re-priced lets its currency go (one retry).
 */
import { Conflict, NotFound } from '@platform/libs/errors';
import { contacts, events, gifts, toGift, write, type StoredGift } from './repositories';
import { eventCurrency } from './domain/budget-summary';
import type { TransactItem } from '@platform/libs/db';
import type { Gift } from './model';

type Part = 'gift' | 'contact' | 'event';

function plan(userId: string, next: Gift, nameKey: string, previous?: StoredGift): { items: TransactItem[]; parts: Part[] } {
  const items = [previous ? gifts.replaceItem(userId, previous, next, nameKey) : gifts.createItem(userId, next, nameKey)];
  const parts: Part[] = ['gift'];
  const before = previous?.gift;
  if (next.contactId && next.contactId !== before?.contactId) {
    items.push(contacts.linkCheck(userId, next.contactId));
    parts.push('contact');
  }
  const currency = next.price?.currency;
  if (next.eventId && (next.eventId !== before?.eventId || (currency && currency !== before?.price?.currency))) {
    items.push(events.linkGift(userId, next.eventId, currency));
    parts.push('event');
  }
  return { items, parts };
}

/** Why the event refused the link: 404, 422, or 'retry' once the event's stale currency is let go. */
async function eventRefusal(userId: string, gift: Gift, eventId: string): Promise<'retry'> {
  const event = await events.find(userId, eventId);
  if (!event) throw new NotFound('Event');
  const price = gift.price;
  if (!price) return 'retry'; // the event exists after all (it was being written meanwhile)
  if (event.budget) eventCurrency(event.budget, [gift]);
  const { giftItems } = await events.withGifts(userId, event.id);
  const others = giftItems.map(toGift).filter((g) => g.id !== gift.id && g.price);
  eventCurrency(null, [...others, gift]);
  await events.claimCurrency(userId, event.id, price.currency, event.currency);
  return 'retry';
}

export async function saveGift(userId: string, next: Gift, nameKey: string, previous?: StoredGift, retried = false): Promise<Gift> {
  const { items, parts } = plan(userId, next, nameKey, previous);
  const failed = (await write(items)).map((i) => parts[i]);
  if (failed.length === 0) return toGift(next);
  if (failed.includes('gift')) {
    if (!previous) {
      // A new id (a fresh ULID) cannot clash with anyone's gift: this is the SDK retrying a write
      // that timed out yet was applied (a stalled database). That transaction wrote it whole.
      if (await gifts.find(userId, next.id)) return toGift(next);
      throw new Error(`gift ${next.id} already exists`);
    }
    const current = await gifts.find(userId, next.id);
    if (!current) throw new NotFound('Gift');
    // The gift changed meanwhile (an image attached, a link cleared): the caller's view is stale.
    throw new Conflict(`The gift changed meanwhile (now version ${current.gift.version}); read it again`, 'VERSION_CONFLICT');
  }
  if (failed.includes('contact')) throw new NotFound('Contact');
  if (!retried && next.eventId && (await eventRefusal(userId, next, next.eventId)) === 'retry') return saveGift(userId, next, nameKey, previous, true);
  throw new NotFound('Event');
}
