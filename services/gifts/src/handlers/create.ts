import { nowIso } from '@platform/libs/dates';
import { created, route } from '@platform/libs/http';
import { newId } from '@platform/libs/ids';
import { gifts } from '@platform/gift-tracker/repositories';
import { normalizeNameKey } from '@platform/libs/text';
import { assertStatusOf, initialStatus } from '@platform/gift-tracker/domain/gift-status';
import { saveGift } from '@platform/gift-tracker/save-gift';
import * as routes from '../routes.generated';
import type { Gift } from '@platform/gift-tracker/model';

/**
 * POST /gifts: two calls in parallel, the write (with its links) and the look-up of a same-name
 * gift of the same contact, which adds a POSSIBLE_DUPLICATE warning.
 */
export const handler = route(routes.createGift, async ({ body, principal }) => {
  const status = body.status === undefined ? initialStatus(body.direction) : assertStatusOf(body.direction, body.status);
  const now = nowIso();
  const gift: Gift = {
    contactId: null,
    eventId: null,
    price: null,
    url: null,
    store: null,
    notes: null,
    date: null,
    ...body,
    status,
    id: newId(),
    images: [],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const nameKey = normalizeNameKey(gift.name);
  const [saved, duplicateId] = await Promise.all([
    saveGift(principal.userId, gift, nameKey),
    gift.contactId ? gifts.sameName(principal.userId, gift.contactId, nameKey, gift.id) : undefined,
  ]);
  const warnings = duplicateId ? [{ code: 'POSSIBLE_DUPLICATE', giftId: duplicateId, message: 'This contact already has a gift of this name' }] : [];
  return created({ ...saved, warnings });
});
