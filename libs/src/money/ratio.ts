/**
 * Exact fractions of integers (BigInt numerator and denominator) for the few figures that are not
 * whole minor units (a periodic rate, an installment before rounding, a PAR30 share): nothing is
 * rounded until the one half-even rounding the figure asks for, so no precision is ever chosen.
 */
export interface Ratio {
  num: bigint;
  /** always > 0 */
  den: bigint;
}

const RATIO_TEXT = /^(\d+)(?:\.(\d+))?$/;

/** A non-negative decimal text ("9.4822"), read exactly. */
export function ratioOf(text: string): Ratio {
  const m = RATIO_TEXT.exec(text);
  if (!m) throw new RangeError(`not a decimal number: ${text}`);
  const fraction = m[2] ?? '';
  return { num: BigInt(m[1] + fraction), den: 10n ** BigInt(fraction.length) };
}

/** num / den rounded half-even to an integer (den > 0). */
export function roundHalfEven(num: bigint, den: bigint): bigint {
  const quotient = num / den;
  const floor = num < 0n && quotient * den !== num ? quotient - 1n : quotient;
  const twice = (num - floor * den) * 2n;
  return twice > den || (twice === den && floor % 2n !== 0n) ? floor + 1n : floor;
}

/** The ratio as decimal text with `places` decimals, rounded half-even: 1/3 at 4 places is "0.3333". */
export function toFixedHalfEven({ num, den }: Ratio, places: number): string {
  const scaled = roundHalfEven(num * 10n ** BigInt(places), den);
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return scaled < 0n ? `-${text}` : text;
}
