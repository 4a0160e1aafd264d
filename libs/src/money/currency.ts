/** ISO 4217 codes and minor units, from the runtime's ICU data (kept apart from Decimal: validation needs only this). */
const KNOWN: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const digitsCache = new Map<string, number>();

/** True for an ISO 4217 code this runtime knows (upper case, three letters). */
export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && KNOWN.has(code);
}

/** Digits of the currency's minor unit per ISO 4217 (USD 2, JPY 0, KWD 3), from the runtime's ICU data. */
export function minorUnitDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}
