import { Conflict, ValidationError } from '@platform/libs/errors';
import {
  allowedMoves,
  assertStatusOf,
  canMove,
  GIFT_STATUSES,
  GIVEN_STATUSES,
  initialStatus,
  isStatusOf,
  moveStatus,
  RECEIVED_STATUSES,
  STATUSES_BY_DIRECTION,
  type GiftDirection,
} from '../src/domain/gift-status';

// Written out by hand (not derived from the code): forward any number of steps, back one, or stay.
const ALLOWED: Record<GiftDirection, Record<string, string[]>> = {
  given: {
    idea: ['idea', 'planned', 'purchased', 'wrapped', 'given'],
    planned: ['idea', 'planned', 'purchased', 'wrapped', 'given'],
    purchased: ['planned', 'purchased', 'wrapped', 'given'],
    wrapped: ['purchased', 'wrapped', 'given'],
    given: ['wrapped', 'given'],
  },
  received: {
    received: ['received', 'thanked'],
    thanked: ['received', 'thanked'],
  },
};

const describeMove = (list: readonly string[], from: string, to: string): string => {
  const step = list.indexOf(to) - list.indexOf(from);
  if (step === 0) return 'staying put is a no-op';
  if (step > 0) return `forward ${step} step${step > 1 ? 's' : ''} is allowed`;
  return step === -1 ? 'back one step (an undo) is allowed' : `back ${-step} steps is refused`;
};

const everyMove = (Object.keys(ALLOWED) as GiftDirection[]).flatMap((direction) => {
  const list = STATUSES_BY_DIRECTION[direction];
  return list.flatMap((from) => list.map((to) => [direction, from, to, describeMove(list, from, to), ALLOWED[direction][from].includes(to)] as const));
});

describe('the status lists per direction', () => {
  it('a given gift goes idea -> planned -> purchased -> wrapped -> given', () => {
    expect(GIVEN_STATUSES).toEqual(['idea', 'planned', 'purchased', 'wrapped', 'given']);
  });

  it('a received gift goes received -> thanked', () => {
    expect(RECEIVED_STATUSES).toEqual(['received', 'thanked']);
  });

  it('every status of either direction is listed once', () => {
    expect(GIFT_STATUSES).toEqual(['idea', 'planned', 'purchased', 'wrapped', 'given', 'received', 'thanked']);
  });

  it.each([
    ['given', 'idea'],
    ['received', 'received'],
  ] as const)('a %s gift created without a status starts as %s', (direction, status) => {
    expect(initialStatus(direction)).toBe(status);
  });
});

describe('every status move (29 pairs)', () => {
  it.each(everyMove)('%s gift %s -> %s: %s', (direction, from, to, _rule, allowed) => {
    expect(canMove(direction, from, to)).toBe(allowed);
    if (allowed) expect(moveStatus(direction, from, to)).toBe(to);
    else expect(() => moveStatus(direction, from, to)).toThrow(Conflict);
  });
});

describe('a refused move is a 409 INVALID_STATUS_TRANSITION naming the current status', () => {
  it.each([
    ['given', 'wrapped', 'idea', ['purchased', 'wrapped', 'given']],
    ['given', 'given', 'planned', ['wrapped', 'given']],
    ['given', 'purchased', 'idea', ['planned', 'purchased', 'wrapped', 'given']],
  ] as const)('a %s gift in %s cannot go to %s', (direction, from, to, allowed) => {
    let caught: unknown;
    try {
      moveStatus(direction, from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Conflict);
    expect(caught).toMatchObject({
      status: 409,
      code: 'INVALID_STATUS_TRANSITION',
      message: expect.stringContaining(`'${from}'`),
      details: [{ field: 'status', currentStatus: from, allowed }],
    });
  });
});

describe('a status not of the gift direction is a 400 on status', () => {
  it.each([
    ['given', 'idea', 'thanked'],
    ['given', 'given', 'received'],
    ['received', 'received', 'idea'],
    ['received', 'thanked', 'given'],
    ['received', 'received', 'lost'],
    ['given', 'idea', ''],
  ] as const)('a %s gift in %s asked to become %j', (direction, from, to) => {
    for (const call of [() => canMove(direction, from, to), () => moveStatus(direction, from, to)]) {
      expect(call).toThrow(ValidationError);
      expect(call).toThrow(expect.objectContaining({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'status' })] }));
    }
  });

  it.each([
    ['given', 'thanked', false],
    ['given', 'wrapped', true],
    ['received', 'thanked', true],
    ['received', 'idea', false],
    ['received', undefined, false],
  ] as const)('a %s gift: %s belongs to its flow = %s', (direction, status, expected) => {
    expect(isStatusOf(direction, status)).toBe(expected);
  });

  it('assertStatusOf returns a status of the direction unchanged', () => {
    expect(assertStatusOf('received', 'thanked')).toBe('thanked');
  });

  it('an unknown direction is a 400 on direction', () => {
    expect(() => initialStatus('lent' as GiftDirection)).toThrow(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ field: 'direction' })] }),
    );
  });
});

describe('a stored status outside the direction can move nowhere', () => {
  it('canMove is false and moveStatus a 409 naming it', () => {
    expect(canMove('given', 'thanked', 'idea')).toBe(false);
    expect(allowedMoves('given', 'thanked')).toEqual([]);
    expect(() => moveStatus('given', 'thanked', 'idea')).toThrow(expect.objectContaining({ status: 409, code: 'INVALID_STATUS_TRANSITION' }));
  });
});

describe('allowedMoves lists the reachable statuses in flow order', () => {
  it.each(Object.entries(ALLOWED.given).map(([from, to]) => ['given', from, to] as const))('%s gift in %s may become %j', (direction, from, to) => {
    expect(allowedMoves(direction, from)).toEqual(to);
  });
});
