/**
 * Upcoming occurrences (`GET /events/upcoming?days=N`): one-off events, yearly events and
 * contacts' birthdays that fall in the window [today, today + N days], both ends inclusive.
 * Pure: the caller supplies `today` already computed in the user's timezone.
 */
import { addDays, type CalendarDate, formatDate, isLeapYear, parseBirthday, parseDate } from '@platform/libs/dates';
import { ValidationError } from '@platform/libs/errors';

export const MIN_UPCOMING_DAYS = 1;
export const MAX_UPCOMING_DAYS = 366;
export const DEFAULT_UPCOMING_DAYS = 30;

export type Recurrence = 'none' | 'yearly';
export type OccurrenceKind = 'event' | 'birthday';

export interface UpcomingEvent {
  id: string;
  name: string;
  date: string; // YYYY-MM-DD: the one-off date, or the first date of a yearly event
  recurring: Recurrence;
}

export interface UpcomingContact {
  id: string;
  name: string;
  birthday?: string | null; // YYYY-MM-DD or --MM-DD
}

export interface Occurrence {
  date: string;
  kind: OccurrenceKind;
  name: string;
  eventId?: string;
  contactId?: string;
}

export interface UpcomingInput {
  today: string;
  days: number;
  events: readonly UpcomingEvent[];
  contacts: readonly UpcomingContact[];
}

/** Both ends inclusive: `to` is today + days. */
export interface DateWindow {
  from: string;
  to: string;
}

/** The window [today, today + days]; a bad `today` or `days` is a 400 naming the field. */
export function upcomingWindow(today: string, days: number): DateWindow {
  const start = parseDate(today);
  if (!start) {
    throw new ValidationError('today must be a calendar date', [{ field: 'today', message: 'must be a date YYYY-MM-DD' }]);
  }
  if (!Number.isInteger(days) || days < MIN_UPCOMING_DAYS || days > MAX_UPCOMING_DAYS) {
    const message = `must be a whole number from ${MIN_UPCOMING_DAYS} to ${MAX_UPCOMING_DAYS}`;
    throw new ValidationError(`days ${message}`, [{ field: 'days', message }]);
  }
  return { from: formatDate(start), to: formatDate(addDays(start, days)) };
}

/**
 * The window a read must cover for the user's window whatever their timezone: today is at most
 * a day before or after UTC's today (UTC-12..UTC+14), so [UTC's yesterday, UTC's tomorrow + days].
 */
export function windowInAnyTimezone(utcToday: CalendarDate, days: number): DateWindow {
  return { from: formatDate(addDays(utcToday, -1)), to: formatDate(addDays(utcToday, days + 1)) };
}

/**
 * Calendar positions: the calendar is a wheel of two years, `01-01`..`12-31` then the same days
 * a year on, `13-01`..`24-31` (month + 12). Each event and birthday is stored at both positions
 * of its month and day (a `YYYY-MM-DD` date or a `--MM-DD` birthday), so a window that starts in
 * one year and ends in the next is one range of positions, never two.
 */
export function calendarPositions(date: string): [string, string] {
  const monthDay = date.slice(-5);
  return [monthDay, nextYearPosition(monthDay)];
}

const nextYearPosition = (monthDay: string): string => `${Number(monthDay.slice(0, 2)) + 12}-${monthDay.slice(3)}`;
const LAST_POSITION = '24-31';

/**
 * The range of positions (both ends inclusive) holding everything that can occur in the window:
 * from the first day's position to the last day's, a year on when the window ends in the next
 * year, and every position from the first on when it ends later still (a window over a year
 * long covers every day). A window ending on 28 February of a common year reaches `02-29` too:
 * a 29 February date falls on 28 February then.
 */
export function positionRange(window: DateWindow): { from: string; to: string } {
  const [fromYear, toYear] = [Number(window.from.slice(0, 4)), Number(window.to.slice(0, 4))];
  const lastDay = window.to.slice(5) === '02-28' && !isLeapYear(toYear) ? '02-29' : window.to.slice(5);
  const to = toYear === fromYear ? lastDay : toYear === fromYear + 1 ? nextYearPosition(lastDay) : LAST_POSITION;
  return { from: window.from.slice(5), to };
}

/** Every occurrence in the window, soonest first, then by name, then by id. */
export function nextOccurrences(input: UpcomingInput): Occurrence[] {
  const window = upcomingWindow(input.today, input.days);
  const found: Occurrence[] = [];

  for (const event of input.events) {
    const date = parseDate(event.date);
    if (!date) continue; // stored data was validated on write; one bad record must not break the list
    const dates = event.recurring === 'yearly' ? anniversariesIn(window, date.month, date.day, event.date) : inWindow(event.date, window) ? [event.date] : [];
    for (const d of dates) found.push({ date: d, kind: 'event', name: event.name, eventId: event.id });
  }

  for (const contact of input.contacts) {
    const birthday = parseBirthdayParts(contact.birthday);
    if (!birthday) continue;
    for (const d of anniversariesIn(window, birthday.month, birthday.day, birthday.since)) {
      found.push({ date: d, kind: 'birthday', name: contact.name, contactId: contact.id });
    }
  }

  return found.sort(compareOccurrences);
}

// YYYY-MM-DD strings with four-digit years order the same as the dates they name.
const inWindow = (date: string, window: DateWindow): boolean => date >= window.from && date <= window.to;

/** The anniversary of month/day in `year`: 29 February falls on 28 February in common years. */
export function anniversaryIn(year: number, month: number, day: number): string {
  const onDay = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return formatDate({ year, month, day: onDay });
}

/** Anniversaries inside the window (up to two: a 366-day window can hold the same day twice), none before `since`. */
function anniversariesIn(window: DateWindow, month: number, day: number, since?: string): string[] {
  const first = Number(window.from.slice(0, 4));
  const last = Number(window.to.slice(0, 4));
  const dates: string[] = [];
  for (let year = first; year <= last; year += 1) {
    const date = anniversaryIn(year, month, day);
    if (inWindow(date, window) && (since === undefined || date >= since)) dates.push(date);
  }
  return dates;
}

/** Month and day of a stored birthday; `since` is the birth date when the year is known. */
function parseBirthdayParts(text: string | null | undefined): { month: number; day: number; since?: string } | undefined {
  const birthday = parseBirthday(text);
  return birthday && { month: birthday.month, day: birthday.day, ...(birthday.year !== null && text ? { since: text } : {}) };
}

// Names compare the way a reader expects ("alice" before "Bob"); code-unit order breaks ties so the order never depends on the locale data alone.
const collator = new Intl.Collator('en', { sensitivity: 'variant' });
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const idOf = (o: Occurrence): string => o.eventId ?? o.contactId ?? '';

function compareOccurrences(a: Occurrence, b: Occurrence): number {
  return (
    byCodeUnit(a.date, b.date) || collator.compare(a.name, b.name) || byCodeUnit(a.name, b.name) || byCodeUnit(idOf(a), idOf(b)) || byCodeUnit(a.kind, b.kind)
  );
}
