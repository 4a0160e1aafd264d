import { route, pathId } from '@platform/libs/http';
import { contacts } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/** GET /contacts/{contactId}: one GetItem under the caller's key, so another user's id is a 404. */
export const handler = route(routes.getContact, async ({ params, principal }) => contacts.require(principal.userId, pathId(params, 'contactId', 'Contact')));
