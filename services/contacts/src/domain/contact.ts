/**
 * Contact rules without I/O: the name key behind `GET /contacts?q=` (case-insensitive prefix)
 * and the two accepted birthday forms, `YYYY-MM-DD` and `--MM-DD` (year unknown).
 */
import { daysInMonth, formatDate, parseDate } from '@platform/libs/dates';
import { ValidationError } from '@platform/libs/errors';

/**
 * The key a contact's name is stored and searched under: NFKC-normalized (full-width and
 * compatibility forms fold to their plain letters), lower-cased, trimmed, inner whitespace runs
 * collapsed to one space. Store `normalizeNameKey(name)`; query with begins_with(normalizeNameKey(q)).
 */
export function normalizeNameKey(name: string): string {
  // NFKC again after lower-casing: a few lower-case mappings leave a non-normalized sequence
  return name.normalize('NFKC').toLowerCase().normalize('NFKC').trim().replace(/\s+/gu, ' ');
}

export interface Birthday {
  year: number | null; // null for --MM-DD
  month: number;
  day: number;
}

const NO_YEAR_RE = /^--(\d{2})-(\d{2})$/;

/** A real date `YYYY-MM-DD` (a future one too) or `--MM-DD` with a real month/day (`--02-29` included); undefined otherwise. */
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

export const isBirthday = (text: unknown): text is string => parseBirthday(text) !== undefined;

/** The canonical text of a birthday: `YYYY-MM-DD` or `--MM-DD`. */
export function formatBirthday(birthday: Birthday): string {
  if (birthday.year !== null) return formatDate({ year: birthday.year, month: birthday.month, day: birthday.day });
  return `--${String(birthday.month).padStart(2, '0')}-${String(birthday.day).padStart(2, '0')}`;
}

/** The birthday text unchanged when valid, else a 400 naming the field. */
export function assertBirthday(text: unknown, field = 'birthday'): string {
  if (isBirthday(text)) return text;
  const message = 'must be a real date YYYY-MM-DD, or --MM-DD when the year is unknown';
  throw new ValidationError(`${field} ${message}`, [{ field, message }]);
}
