import { route, pathId } from '@platform/libs/http';
import { contacts, events, toGift } from '@platform/gift-tracker/repositories';
import { summarizeEvent } from '@platform/gift-tracker/domain/budget-summary';
import * as routes from '../routes.generated';

/** GET /events/{eventId}/summary: the event and its gifts in one Query, the recipients' names in one BatchGet. */
export const handler = route(routes.getEventSummary, async ({ params, principal }) => {
  const { event, giftItems } = await events.withGifts(principal.userId, pathId(params, 'eventId', 'Event'));
  const gifts = giftItems.map(toGift);
  const contactNames = await contacts.names(
    principal.userId,
    gifts.flatMap((g) => (g.contactId ? [g.contactId] : [])),
  );
  return summarizeEvent({ budget: event.budget, gifts, contactNames });
});
