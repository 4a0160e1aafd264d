import { NotFound } from '@platform/libs/errors';
import { route, pathId } from '@platform/libs/http';
import { contacts, gifts } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/** GET /contacts/{contactId}/gifts: given and received, newest first (date, then creation); two calls in parallel. */
export const handler = route(routes.listContactGifts, async ({ params, query, principal }) => {
  const id = pathId(params, 'contactId', 'Contact');
  const [contact, page] = await Promise.all([
    contacts.find(principal.userId, id),
    gifts.list(principal.userId, { contactId: id }, { limit: query.limit, cursor: query.cursor }),
  ]);
  if (!contact) throw new NotFound('Contact');
  return page;
});
