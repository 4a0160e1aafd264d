import { nowIso } from '@platform/libs/dates';
import { route, pathId } from '@platform/libs/http';
import { assertVersion, contacts } from '@platform/gift-tracker/repositories';
import { assertBirthday, normalizeNameKey } from '@platform/gift-tracker/domain/contact';
import * as routes from '../routes.generated';

/** PATCH /contacts/{contactId}: null clears a field; a stale `version` is 409; never re-creates a deleted contact. */
export const handler = route(routes.patchContact, async ({ body, params, principal }) => {
  const { version, ...changes } = body;
  if (changes.birthday) assertBirthday(changes.birthday);
  const current = await contacts.require(principal.userId, pathId(params, 'contactId', 'Contact'));
  assertVersion(current, version, 'Contact');
  const next = { ...current, ...changes, updatedAt: nowIso(), version: current.version + 1 };
  return contacts.replace(principal.userId, next, normalizeNameKey(next.name), current.version);
});
