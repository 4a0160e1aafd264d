/**
 * Contact rules without I/O: the name key behind `GET /contacts?q=` (case-insensitive prefix)
 * and the two accepted birthday forms, `YYYY-MM-DD` and `--MM-DD` (year unknown).
 */
import { EARLIEST_DATE, formatDate, parseBirthday, todayIn, type Birthday } from '@platform/libs/dates';
import { ValidationError } from '@platform/libs/errors';
import { normalizeNameKey } from '@platform/libs/text';

export { normalizeNameKey, parseBirthday, type Birthday };

export const isBirthday = (text: unknown): text is string => parseBirthday(text) !== undefined;

/** The canonical text of a birthday: `YYYY-MM-DD` or `--MM-DD`. */
export function formatBirthday(birthday: Birthday): string {
  if (birthday.year !== null) return formatDate({ year: birthday.year, month: birthday.month, day: birthday.day });
  return `--${String(birthday.month).padStart(2, '0')}-${String(birthday.day).padStart(2, '0')}`;
}

/** The birthday text unchanged when valid (a year from 1900 to today, UTC), else a 400 naming the field. */
export function assertBirthday(text: unknown, field = 'birthday', today: string = formatDate(todayIn('UTC'))): string {
  const birthday = parseBirthday(text);
  if (!birthday) {
    const message = 'must be a real date YYYY-MM-DD, or --MM-DD when the year is unknown';
    throw new ValidationError(`${field} ${message}`, [{ field, message }]);
  }
  if (birthday.year !== null && (String(text) < EARLIEST_DATE || String(text) > today)) {
    const message = `must be from ${EARLIEST_DATE} to today (${today})`;
    throw new ValidationError(`${field} ${message}`, [{ field, message }]);
  }
  return text as string;
}
