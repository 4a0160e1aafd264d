/**
 * Money is an integer number of minor units plus an ISO 4217 code: {amount: 12345, currency: 'USD'}
 * is 123.45 USD. Amounts stay JavaScript integers (exact up to 2^53); anything that needs a
 * fraction (rates, EMI, shares) is an exact Ratio of BigInts (ratio.ts), rounded half-even once.
 */
import { minorUnitDigits } from './currency';
import { toFixedHalfEven } from './ratio';

export { isCurrency, minorUnitDigits } from './currency';
export { ratioOf, roundHalfEven, toFixedHalfEven, type Ratio } from './ratio';

export interface Money {
  amount: number;
  currency: string;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be a safe integer, got ${amount}`);
  return { amount, currency };
}

export const zero = (currency: string): Money => ({ amount: 0, currency });

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function sum(currency: string, items: Iterable<Money>): Money {
  let total = zero(currency);
  for (const item of items) total = add(total, item);
  return total;
}

/** Human-readable text, for logs and messages only: 123.45 USD. */
export function format(m: Money): string {
  const digits = minorUnitDigits(m.currency);
  return `${toFixedHalfEven({ num: BigInt(m.amount), den: 10n ** BigInt(digits) }, digits)} ${m.currency}`;
}
