import { route } from '@platform/libs/http';
import { contacts } from '@platform/gift-tracker/repositories';
import { normalizeNameKey } from '@platform/gift-tracker/domain/contact';
import * as routes from '../routes.generated';

/** GET /contacts?q=&limit=&cursor=: by name, `q` a case-insensitive name prefix; one Query. */
export const handler = route(routes.listContacts, async ({ query, principal }) => {
  const prefix = query.q === undefined ? undefined : normalizeNameKey(query.q) || undefined;
  return contacts.list(principal.userId, prefix, { limit: query.limit, cursor: query.cursor });
});
