/**
 * Money as the API speaks it: integer minor units plus an ISO 4217 code. No float ever holds an
 * amount: parsing works on the digits of the text, formatting hands Intl a decimal string built
 * from the integer's digits.
 */
export interface Money {
  amount: number;
  currency: string;
}

const digitsCache = new Map<string, number>();

/** The currency's minor-unit digits (USD 2, JPY 0, KWD 3), as the browser's Intl knows them. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** 12345 USD -> "123.45" (exact: string arithmetic on the integer's digits). */
export function toDecimalText(amount: number | bigint, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amount < 0;
  const text = (negative ? -BigInt(amount) : BigInt(amount)).toString().padStart(digits + 1, '0');
  const whole = digits ? text.slice(0, -digits) : text;
  const fraction = digits ? `.${text.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** {12345, USD} -> "$123.45" in the user's locale. */
export function formatMoney(money: Money, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  // Intl accepts a decimal string exactly (no float conversion) in current browsers.
  return format.format(toDecimalText(money.amount, money.currency) as unknown as number);
}

/**
 * "1,234.5" USD -> 123450 minor units; undefined when the text is not an amount of that currency
 * (too many decimals, letters, negative). Only "," as a thousands separator and "." as the
 * decimal point are read.
 */
export function parseMoney(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const clean = text.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(clean);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = BigInt(match[1] + fraction.padEnd(digits, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(minor);
}

/** Adds amounts of one currency (integers: exact). */
export function sumMoney(amounts: Money[], currency: string): Money {
  return { amount: amounts.reduce((total, m) => total + m.amount, 0), currency };
}

/** Currencies offered in forms (any ISO code works with the API; these are the lender's). */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'NZD', 'KES', 'JPY'];
