/**
 * Gift status flow, one line per direction:
 *   given:    idea -> planned -> purchased -> wrapped -> given
 *   received: received -> thanked
 * A gift moves forward any number of steps, or back exactly one (an undo); staying put is a no-op.
 */
import { Conflict, ValidationError } from '@platform/libs/errors';

export const GIFT_DIRECTIONS = ['given', 'received'] as const;
export type GiftDirection = (typeof GIFT_DIRECTIONS)[number];

export const GIVEN_STATUSES = ['idea', 'planned', 'purchased', 'wrapped', 'given'] as const;
export const RECEIVED_STATUSES = ['received', 'thanked'] as const;
export type GivenStatus = (typeof GIVEN_STATUSES)[number];
export type ReceivedStatus = (typeof RECEIVED_STATUSES)[number];
export type GiftStatus = GivenStatus | ReceivedStatus;

/** Every status of either direction (for `?status=` filters and schemas). */
export const GIFT_STATUSES: readonly GiftStatus[] = [...GIVEN_STATUSES, ...RECEIVED_STATUSES];

/** The statuses of each direction, in flow order. */
export const STATUSES_BY_DIRECTION: { readonly given: readonly GivenStatus[]; readonly received: readonly ReceivedStatus[] } = {
  given: GIVEN_STATUSES,
  received: RECEIVED_STATUSES,
};

/** The status a new gift takes when the request omits it. */
export const INITIAL_STATUS: { readonly given: 'idea'; readonly received: 'received' } = { given: 'idea', received: 'received' };

export function isGiftDirection(value: unknown): value is GiftDirection {
  return (GIFT_DIRECTIONS as readonly unknown[]).includes(value);
}

export function initialStatus(direction: GiftDirection): GiftStatus {
  return INITIAL_STATUS[checkDirection(direction)];
}

/** True when `status` belongs to the flow of `direction`. */
export function isStatusOf(direction: GiftDirection, status: unknown): status is GiftStatus {
  return (STATUSES_BY_DIRECTION[checkDirection(direction)] as readonly unknown[]).includes(status);
}

/** The status itself, or a 400 on `status` when it is not one of the direction's. */
export function assertStatusOf(direction: GiftDirection, status: unknown): GiftStatus {
  if (isStatusOf(direction, status)) return status;
  const message = `must be one of ${STATUSES_BY_DIRECTION[direction].join(', ')} for a ${direction} gift`;
  throw new ValidationError(`status ${message}`, [{ field: 'status', message }]);
}

/**
 * Whether a gift of `direction` may go from `from` to `to`: forward any number of steps, back one,
 * or stay. A `to` outside the direction's flow is a 400; a stored `from` outside it can move nowhere.
 */
export function canMove(direction: GiftDirection, from: string, to: string): boolean {
  const list: readonly string[] = STATUSES_BY_DIRECTION[checkDirection(direction)];
  const target = list.indexOf(assertStatusOf(direction, to));
  const current = list.indexOf(from);
  return current !== -1 && target >= current - 1;
}

/** The statuses reachable from `from` (itself included), in flow order. */
export function allowedMoves(direction: GiftDirection, from: string): GiftStatus[] {
  return STATUSES_BY_DIRECTION[checkDirection(direction)].filter((to) => canMove(direction, from, to));
}

/** The new status, or a 409 INVALID_STATUS_TRANSITION naming the current status and what it could become. */
export function moveStatus(direction: GiftDirection, from: string, to: string): GiftStatus {
  if (canMove(direction, from, to)) return to as GiftStatus;
  const allowed = allowedMoves(direction, from);
  const message = `A ${direction} gift in status '${from}' cannot move to '${to}'`;
  throw new Conflict(message, 'INVALID_STATUS_TRANSITION', [{ field: 'status', message, currentStatus: from, allowed }]);
}

// Directions come from validated bodies; an unknown one still answers 400 rather than a TypeError.
function checkDirection(direction: GiftDirection): GiftDirection {
  if (isGiftDirection(direction)) return direction;
  const message = `must be one of ${GIFT_DIRECTIONS.join(', ')}`;
  throw new ValidationError(`direction ${message}`, [{ field: 'direction', message }]);
}
