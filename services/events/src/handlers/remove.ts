import { NotFound } from '@platform/libs/errors';
import { noContent, route, pathId } from '@platform/libs/http';
import { events, gifts } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/**
 * DELETE /events/{eventId}: the event goes; its gifts stay with `eventId` cleared (after the
 * delete, so no new link can be made meanwhile; a repeated DELETE finishes an interrupted one).
 */
export const handler = route(routes.deleteEvent, async ({ params, principal }) => {
  const id = pathId(params, 'eventId', 'Event');
  const removed = await events.remove(principal.userId, id);
  const unlinked = await gifts.unlinkEvent(principal.userId, id);
  if (!removed && unlinked === 0) throw new NotFound('Event');
  return noContent();
});
