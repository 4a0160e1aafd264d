import { nowIso } from '@platform/libs/dates';
import { route, pathId } from '@platform/libs/http';
import { assertVersion, events, toGift } from '@platform/gift-tracker/repositories';
import { eventCurrency } from '@platform/gift-tracker/domain/budget-summary';
import * as routes from '../routes.generated';

/**
 * PATCH /events/{eventId}: a stale `version` is 409; new contactIds must be the user's (404); a
 * budget in a currency the event's priced gifts do not share is 422 CURRENCY_MISMATCH.
 */
export const handler = route(routes.patchEvent, async ({ body, params, principal }) => {
  const { version, ...changes } = body;
  const id = pathId(params, 'eventId', 'Event');
  const current = await events.require(principal.userId, id);
  assertVersion(current, version, 'Event');
  const next = { ...current, ...changes, contactIds: changes.contactIds ?? current.contactIds, updatedAt: nowIso(), version: current.version + 1 };
  if (next.budget && current.currency && next.budget.currency !== current.currency) {
    const { giftItems } = await events.withGifts(principal.userId, id);
    eventCurrency(next.budget, giftItems.map(toGift));
    next.currency = next.budget.currency;
  }
  const added = next.contactIds.filter((c) => !current.contactIds.includes(c));
  return events.replace(principal.userId, next, current.version, added);
});
