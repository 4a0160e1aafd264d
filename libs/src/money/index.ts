/**
 * Money is an integer number of minor units plus an ISO 4217 code: {amount: 12345, currency: 'USD'}
 * is 123.45 USD. Amounts stay JavaScript integers (exact up to 2^53); anything that needs a
 * fraction (rates, EMI) goes through Decimal and comes back with `roundToMinor` (half-even).
 */
import Decimal from 'decimal.js';
import { minorUnitDigits } from './currency';

export { isCurrency, minorUnitDigits } from './currency';

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

/** Major units as an exact Decimal: 12345 USD minor -> 123.45. */
export function toMajor(m: Money): Decimal {
  return new Decimal(m.amount).div(new Decimal(10).pow(minorUnitDigits(m.currency)));
}

/** A Decimal in major units rounded half-even to the currency's minor unit, as integer minor units. */
export function roundToMinor(major: Decimal.Value, currency: string): number {
  const scaled = new Decimal(major).mul(new Decimal(10).pow(minorUnitDigits(currency)));
  return scaled.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber();
}

/** Half-even rounding of a Decimal count of minor units to an integer number of minor units. */
export function roundMinorHalfEven(minor: Decimal.Value): number {
  return new Decimal(minor).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber();
}

/** Human-readable text, for logs and messages only: 123.45 USD. */
export function format(m: Money): string {
  return `${toMajor(m).toFixed(minorUnitDigits(m.currency))} ${m.currency}`;
}

export { Decimal };
