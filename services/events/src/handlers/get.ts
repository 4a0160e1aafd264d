import { route, pathId } from '@platform/libs/http';
import { events } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/** GET /events/{eventId}: one GetItem under the caller's key, so another user's id is a 404. */
export const handler = route(routes.getEvent, async ({ params, principal }) => events.get(principal.userId, pathId(params, 'eventId', 'Event')));
