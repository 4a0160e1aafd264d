import { route, created } from '@platform/libs/http';
import { newId } from '@platform/libs/ids';
import { nowIso } from '@platform/libs/dates';
import { contacts } from '@platform/gift-tracker/repositories';
import { assertBirthday, normalizeNameKey } from '@platform/gift-tracker/domain/contact';
import * as routes from '../routes.generated';

/** POST /contacts: one Put. */
export const handler = route(routes.createContact, async ({ body, principal }) => {
  if (body.birthday) assertBirthday(body.birthday);
  const now = nowIso();
  const contact = { ...body, id: newId(), createdAt: now, updatedAt: now, version: 1 };
  return created(await contacts.create(principal.userId, contact, normalizeNameKey(body.name)));
});
