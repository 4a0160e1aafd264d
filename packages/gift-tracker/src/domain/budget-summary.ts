/**
 * Event summary (`GET /events/{id}/summary`): budget, spent, remaining and the event's gifts
 * grouped by contact. Money stays integer minor units; one currency per event.
 */
import { BusinessRule } from '@platform/libs/errors';
import { add, subtract, zero, type Money } from '@platform/libs/money';

export interface SummaryGift {
  id: string;
  name: string;
  direction: 'given' | 'received';
  contactId?: string | null;
  price?: Money | null;
  date?: string | null;
  status: string;
}

export interface RecipientSummary<G extends SummaryGift = SummaryGift> {
  contactId: string | null; // null: the gifts linked to no contact
  name: string | null; // null when there is no contact or it is gone
  spent: Money | null;
  gifts: G[];
}

export interface EventSummary<G extends SummaryGift = SummaryGift> {
  budget: Money | null;
  spent: Money | null; // null only when no currency can be known (no budget, no price, no default)
  remaining: Money | null;
  byRecipient: RecipientSummary<G>[];
}

export interface SummaryInput<G extends SummaryGift = SummaryGift> {
  budget?: Money | null;
  gifts: readonly G[];
  contactNames: Readonly<Record<string, string>>;
  /** The user's default currency, for an event with neither budget nor priced gift. */
  defaultCurrency?: string;
}

/**
 * The event's one currency: the budget's, else the first priced gift's. Any priced gift (either
 * direction) in another currency is a 422 CURRENCY_MISMATCH. Also usable when linking a gift:
 * pass the event's gifts with the new one.
 */
export function eventCurrency(budget: Money | null | undefined, gifts: readonly Pick<SummaryGift, 'id' | 'price'>[]): string | undefined {
  const currency = budget?.currency ?? gifts.find((g) => g.price)?.price?.currency;
  for (const gift of gifts) {
    if (gift.price && gift.price.currency !== currency) {
      const against = budget ? "the event budget's" : "the event's other gifts'";
      const message = `Gift price is in ${gift.price.currency} but ${against} currency is ${currency}`;
      throw new BusinessRule(message, 'CURRENCY_MISMATCH', [{ field: 'price', message, giftId: gift.id, currency: gift.price.currency, expected: currency }]);
    }
  }
  return currency;
}

/** Only `given` gifts are spending: a received gift's price is what someone else paid. */
export const countsAsSpending = (gift: SummaryGift): boolean => gift.direction === 'given';

export function summarizeEvent<G extends SummaryGift>(input: SummaryInput<G>): EventSummary<G> {
  const budget = input.budget ?? null;
  const currency = eventCurrency(budget, input.gifts) ?? input.defaultCurrency;
  const spentOn = (gifts: readonly G[]): Money | null => {
    if (currency === undefined) return null;
    let total = zero(currency);
    for (const gift of gifts) if (gift.price && countsAsSpending(gift)) total = add(total, gift.price);
    return total;
  };

  const groups = new Map<string | null, G[]>();
  for (const gift of input.gifts) {
    const key = gift.contactId ?? null;
    const group = groups.get(key);
    if (group) group.push(gift);
    else groups.set(key, [gift]);
  }

  const byRecipient = [...groups].map(([contactId, gifts]) => ({
    contactId,
    name: contactId !== null && Object.hasOwn(input.contactNames, contactId) ? input.contactNames[contactId] : null,
    spent: spentOn(gifts),
    gifts: [...gifts].sort(newestFirst),
  }));
  byRecipient.sort(compareRecipients);

  const spent = spentOn(input.gifts);
  const remaining = budget && spent ? subtract(budget, spent) : null; // negative when over budget
  return { budget, spent, remaining, byRecipient };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
// Names compare the way a reader expects ("alice" before "Bob"); code-unit order breaks ties.
const collator = new Intl.Collator('en', { sensitivity: 'variant' });

/** Named contacts by name then id; a contact whose name is unknown next; gifts without a contact last. */
function compareRecipients(a: RecipientSummary<SummaryGift>, b: RecipientSummary<SummaryGift>): number {
  const rank = (r: RecipientSummary<SummaryGift>): number => (r.contactId === null ? 2 : r.name === null ? 1 : 0);
  return (
    rank(a) - rank(b) ||
    collator.compare(a.name ?? '', b.name ?? '') ||
    byCodeUnit(a.name ?? '', b.name ?? '') ||
    byCodeUnit(a.contactId ?? '', b.contactId ?? '')
  );
}

/** "Newest first", as every gift list orders gifts: by date, then by creation (ULID ids sort by creation); undated gifts after dated ones. */
function newestFirst(a: SummaryGift, b: SummaryGift): number {
  if (a.date && b.date && a.date !== b.date) return byCodeUnit(b.date, a.date);
  if (Boolean(a.date) !== Boolean(b.date)) return a.date ? -1 : 1;
  return byCodeUnit(b.id, a.id);
}
