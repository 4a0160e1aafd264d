import type { APIGatewayProxyEvent } from 'aws-lambda';
import { jsonBody, MAX_BODY_DEPTH, nestedWithin } from './body';

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

const parse = (body: string) => {
  const event = { body, isBase64Encoded: false, headers: { 'content-type': 'application/json' } } as unknown as APIGatewayProxyEvent;
  jsonBody().before?.({ event } as never);
  return event.body as unknown;
};

describe('body depth', () => {
  it.each([
    ['a scalar', 1, 0, true],
    ['an object one level deep', nested(1), 1, true],
    ['exactly the limit', nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH, true],
    ['one level over the limit', nested(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH, false],
    ['a wide but shallow object', Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { v: i }])), 2, true],
    ['brackets inside strings do not count', { a: '[[[[[[{{{{{{', b: '\\"[[[[' }, 2, true],
  ])('%s', (_name, value, max, within) => {
    expect(nestedWithin(JSON.stringify(value), max)).toBe(within);
  });

  it('accepts a body nested exactly 32 levels deep', () => {
    expect(parse(JSON.stringify(nested(MAX_BODY_DEPTH)))).toEqual(nested(MAX_BODY_DEPTH));
  });

  // Written as text: JSON.stringify itself could not walk 10,000 levels.
  const deepText = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

  it.each([17, 5_000])('refuses a body nested %i x2 levels deep with a 400, before anything walks it', (depth) => {
    expect(() => parse(deepText(depth))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
