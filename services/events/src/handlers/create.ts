import { nowIso } from '@platform/libs/dates';
import { created, route } from '@platform/libs/http';
import { newId } from '@platform/libs/ids';
import { events } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/** POST /events: one call (a Put, or a transaction with a check of each linked contact: 404 when not the user's). */
export const handler = route(routes.createEvent, async ({ body, principal }) => {
  const now = nowIso();
  const event = { ...body, contactIds: body.contactIds ?? [], budget: body.budget ?? null, id: newId(), createdAt: now, updatedAt: now, version: 1 };
  return created(await events.create(principal.userId, event));
});
