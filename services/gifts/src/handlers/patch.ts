import { nowIso } from '@platform/libs/dates';
import { route, pathId } from '@platform/libs/http';
import { assertVersion, gifts } from '@platform/gift-tracker/repositories';
import { normalizeNameKey } from '@platform/libs/text';
import { assertStatusOf, initialStatus, moveStatus } from '@platform/gift-tracker/domain/gift-status';
import { saveGift } from '@platform/gift-tracker/save-gift';
import * as routes from '../routes.generated';

/**
 * PATCH /gifts/{giftId}: status moves forward any number of steps or back one (409 otherwise);
 * a new direction takes a status of its own flow (or its first); null clears a field; new links
 * are checked as on create; a stale `version` is 409.
 */
export const handler = route(routes.updateGift, async ({ body, params, principal }) => {
  const { version, ...changes } = body;
  const stored = await gifts.require(principal.userId, pathId(params, 'giftId', 'Gift'));
  const current = stored.gift;
  assertVersion(current, version, 'Gift');
  const direction = changes.direction ?? current.direction;
  const status =
    direction !== current.direction
      ? changes.status === undefined
        ? initialStatus(direction)
        : assertStatusOf(direction, changes.status)
      : changes.status === undefined
        ? current.status
        : moveStatus(direction, current.status, changes.status);
  const next = { ...current, ...changes, direction, status, updatedAt: nowIso(), version: current.version + 1 };
  return saveGift(principal.userId, next, normalizeNameKey(next.name), stored);
});
