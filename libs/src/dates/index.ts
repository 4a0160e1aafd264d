/**
 * Calendar dates (YYYY-MM-DD) and instants (ISO 8601 UTC). Calendar arithmetic works on
 * {year, month, day} integers in UTC so no local timezone ever leaks in.
 */
export interface CalendarDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Parses a real calendar date (rejects 2023-02-29, 2024-13-01); undefined when invalid. */
export function parseDate(text: unknown): CalendarDate | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export const isDate = (text: unknown): text is string => parseDate(text) !== undefined;

/** The calendar dates a request may carry: from 1900-01-01 to 2100-12-31 (YYYY-MM-DD text sorts as it reads). */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';
export const isDateInRange = (text: unknown): text is string => isDate(text) && text >= EARLIEST_DATE && text <= LATEST_DATE;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** Adds months, clamping to the month's end: 2024-01-31 + 1 month = 2024-02-29. */
export function addMonths(d: CalendarDate, months: number): CalendarDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

const toEpochDay = (d: CalendarDate): number => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

function fromEpochDay(epochDay: number): CalendarDate {
  const t = new Date(epochDay * 86_400_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(d) + days);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormatters.size >= 1_000) dayFormatters.clear();
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Today's calendar date in an IANA timezone (UTC by default; UTC, the loans' clock, needs no formatter). */
export function todayIn(timeZone = 'UTC', now: Date = new Date()): CalendarDate {
  if (timeZone === 'UTC') return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
  const parts = dayFormatter(timeZone).formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Instant as ISO 8601 UTC with milliseconds: 2026-11-24T10:00:00.000Z. */
export const nowIso = (now: Date = new Date()): string => now.toISOString();

/** A birthday: a real date `YYYY-MM-DD`, or `--MM-DD` when the year is unknown (year null). */
export interface Birthday {
  year: number | null;
  month: number;
  day: number;
}

const NO_YEAR_RE = /^--(\d{2})-(\d{2})$/;

/** A real date (a future one too) or `--MM-DD` with a real month/day (`--02-29` included); undefined otherwise. */
export function parseBirthday(text: unknown): Birthday | undefined {
  if (typeof text !== 'string') return undefined;
  const noYear = NO_YEAR_RE.exec(text);
  if (noYear) {
    const [month, day] = [Number(noYear[1]), Number(noYear[2])];
    // 2000 is a leap year, so 29 February counts as a real month/day
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return undefined;
    return { year: null, month, day };
  }
  const date = parseDate(text);
  return date && { year: date.year, month: date.month, day: date.day };
}
