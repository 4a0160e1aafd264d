/** Dates as the API speaks them: calendar dates YYYY-MM-DD (no time zone) and UTC instants. */

/** The user's time zone (from their profile when known), for instants. */
let userTimeZone: string | undefined;
export function setUserTimeZone(zone: string | undefined): void {
  userTimeZone = zone && zone !== 'UTC' ? zone : undefined;
}

/** "2026-11-24" -> "24 Nov 2026" in the user's locale; a calendar date is shown as it is, never shifted. */
export function formatDate(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** An instant ("2026-11-24T10:00:00.000Z") in the user's time zone. */
export function formatInstant(instant: string, locale?: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: userTimeZone }).format(at);
}

/** Today as the loans API counts it: the date in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
