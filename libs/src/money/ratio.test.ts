import { format } from './index';
import { ratioOf, roundHalfEven, toFixedHalfEven } from './ratio';

describe('exact ratios, rounded half-even once', () => {
  it.each<[bigint, bigint, bigint]>([
    [5n, 2n, 2n], // 2.5 -> 2 (even)
    [7n, 2n, 4n], // 3.5 -> 4 (even)
    [26n, 10n, 3n],
    [24n, 10n, 2n],
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [-26n, 10n, -3n],
    [0n, 7n, 0n],
  ])('%s / %s rounds to %s', (num, den, expected) => {
    expect(roundHalfEven(num, den)).toBe(expected);
  });

  it.each<[string, bigint, bigint]>([
    ['12', 12n, 1n],
    ['9.4822', 94822n, 10_000n],
    ['0.0000000001', 1n, 10_000_000_000n],
  ])('reads decimal text %s exactly', (text, num, den) => {
    expect(ratioOf(text)).toEqual({ num, den });
  });

  it.each(['', '-1', '1e3', '1.', '.5', ' 1'])('refuses %p as decimal text', (text) => {
    expect(() => ratioOf(text)).toThrow(RangeError);
  });

  it.each<[bigint, bigint, number, string]>([
    [1n, 3n, 4, '0.3333'],
    [5n, 200_000n, 4, '0.0000'], // 0.000025 -> half-even
    [15n, 200_000n, 4, '0.0001'], // 0.000075
    [10n, 10n, 4, '1.0000'],
    [-5n, 100n, 2, '-0.05'],
    [123n, 1n, 0, '123'],
  ])('%s / %s to %i places is %s', (num, den, places, text) => {
    expect(toFixedHalfEven({ num, den }, places)).toBe(text);
  });

  it.each<[number, string, string]>([
    [12345, 'USD', '123.45 USD'],
    [-5, 'USD', '-0.05 USD'],
    [100, 'JPY', '100 JPY'],
    [1500, 'KWD', '1.500 KWD'],
  ])('formats %i %s as %s', (amount, currency, text) => {
    expect(format({ amount, currency })).toBe(text);
  });
});
