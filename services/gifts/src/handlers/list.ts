import { route } from '@platform/libs/http';
import { gifts } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/** GET /gifts?contactId=&eventId=&status=&direction=: newest first; one Query on the index of the most selective filter. */
export const handler = route(routes.listGifts, async ({ query, principal }) => {
  const { limit, cursor, ...filters } = query;
  return gifts.list(principal.userId, filters, { limit, cursor });
});
