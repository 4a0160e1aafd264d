import { NotFound } from '@platform/libs/errors';
import { noContent, route, pathId } from '@platform/libs/http';
import { contacts, events, gifts } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/**
 * DELETE /contacts/{contactId}: the contact goes; its gifts stay with `contactId` cleared, and
 * events forget it. The clean-up runs after the delete (no new link can be made to a deleted
 * contact), and runs again on a retry, so an interrupted delete can be finished by repeating it.
 */
export const handler = route(routes.deleteContact, async ({ params, principal }) => {
  const id = pathId(params, 'contactId', 'Contact');
  const removed = await contacts.remove(principal.userId, id);
  const unlinked = await gifts.unlinkContact(principal.userId, id);
  const forgotten = await events.forgetContact(principal.userId, id);
  if (!removed && unlinked + forgotten === 0) throw new NotFound('Contact');
  return noContent();
});
