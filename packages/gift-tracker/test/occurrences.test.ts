import { ValidationError } from '@platform/libs/errors';
import { addDays, type CalendarDate, formatDate, isLeapYear, parseDate } from '@platform/libs/dates';
import {
  anniversaryIn,
  calendarPositions,
  nextOccurrences,
  positionRange,
  upcomingWindow,
  windowInAnyTimezone,
  type UpcomingContact,
  type UpcomingEvent,
} from '../src/domain/occurrences';

const event = (date: string, recurring: 'none' | 'yearly' = 'none', name = 'Party', id = 'E1'): UpcomingEvent => ({ id, name, date, recurring });
const contact = (birthday: string | null | undefined, name = 'Ann', id = 'C1'): UpcomingContact => ({ id, name, birthday });

/** The dates found, for compact tables. */
const datesOf = (today: string, days: number, events: UpcomingEvent[], contacts: UpcomingContact[] = []): string[] =>
  nextOccurrences({ today, days, events, contacts }).map((o) => o.date);

describe('the window is [today, today + days], both ends inclusive', () => {
  it.each([
    ['an event today is included', '2026-05-10', 30, '2026-05-10', ['2026-05-10']],
    ['an event on day N is included', '2026-05-10', 30, '2026-06-09', ['2026-06-09']],
    ['an event on day N + 1 is excluded', '2026-05-10', 30, '2026-06-10', []],
    ['an event yesterday is excluded', '2026-05-10', 30, '2026-05-09', []],
    ['a one-off event in a past year is excluded', '2026-05-10', 366, '2025-05-20', []],
    ['with days = 1 tomorrow is included', '2026-05-10', 1, '2026-05-11', ['2026-05-11']],
    ['with days = 366 the last day is included', '2026-05-10', 366, '2027-05-11', ['2027-05-11']],
    ['with days = 366 the day after is excluded', '2026-05-10', 366, '2027-05-12', []],
  ])('%s', (_rule, today, days, date, expected) => {
    expect(datesOf(today, days, [event(date)])).toEqual(expected);
  });

  it.each([
    ['2026-05-10', 30, { from: '2026-05-10', to: '2026-06-09' }],
    ['2026-12-20', 30, { from: '2026-12-20', to: '2027-01-19' }],
    ['2028-01-01', 366, { from: '2028-01-01', to: '2029-01-01' }],
    ['2028-02-28', 1, { from: '2028-02-28', to: '2028-02-29' }],
  ])('the window from %s over %i days is %o', (today, days, expected) => {
    expect(upcomingWindow(today, days)).toEqual(expected);
  });
});

describe('yearly events and birthdays fall on their anniversary', () => {
  it.each([
    ['a yearly event recurs in a later year', '2026-05-10', 30, event('2019-05-20', 'yearly'), ['2026-05-20']],
    ['a yearly event on its very first date', '2026-05-10', 30, event('2026-05-20', 'yearly'), ['2026-05-20']],
    ['a yearly event dated in the future does not occur before its date', '2025-11-20', 30, event('2026-12-01', 'yearly'), []],
    ['a yearly event first dated inside a long window skips the earlier anniversary', '2026-01-10', 366, event('2027-01-11', 'yearly'), ['2027-01-11']],
    ['a yearly event whose anniversary passed this year is not in a short window', '2026-05-10', 30, event('2020-05-01', 'yearly'), []],
    [
      'a window starting on the anniversary holds it twice when day N is the next one',
      '2026-03-05',
      365,
      event('2020-03-05', 'yearly'),
      ['2026-03-05', '2027-03-05'],
    ],
    ['a 366-day window holds the same yearly event twice', '2026-03-05', 366, event('2020-03-05', 'yearly'), ['2026-03-05', '2027-03-05']],
    ['a 364-day window from the anniversary holds it once', '2026-03-05', 364, event('2020-03-05', 'yearly'), ['2026-03-05']],
  ])('%s', (_rule, today, days, e, expected) => {
    expect(datesOf(today, days, [e])).toEqual(expected);
  });

  it.each([
    ['a birthday with a year recurs every year', '2026-05-10', 30, '1990-05-15', ['2026-05-15']],
    ['a birthday without a year recurs every year', '2026-05-10', 30, '--05-15', ['2026-05-15']],
    ['a birthday today is included', '2026-05-10', 30, '--05-10', ['2026-05-10']],
    ['a birthday that passed yesterday is not', '2026-05-10', 30, '--05-09', []],
    ['a birthday with a future year does not occur before the birth date', '2026-05-10', 366, '2027-05-11', ['2027-05-11']],
    ['a birthday with a future year beyond the window does not occur', '2026-05-10', 30, '2030-05-15', []],
    ['a 366-day window holds the same birthday twice', '2026-03-05', 366, '--03-06', ['2026-03-06', '2027-03-06']],
    ['a contact without a birthday has no occurrence', '2026-05-10', 366, undefined, []],
    ['a null birthday has no occurrence', '2026-05-10', 366, null, []],
    ['an unreadable stored birthday is skipped', '2026-05-10', 366, '--02-30', []],
  ])('%s', (_rule, today, days, birthday, expected) => {
    expect(datesOf(today, days, [], [contact(birthday)])).toEqual(expected);
  });
});

describe('a window crossing New Year finds January dates of the next year', () => {
  it.each([
    ['a January birthday falls in the next year', '--01-10', ['2027-01-10']],
    ['a late-December birthday stays in this year', '--12-25', ['2026-12-25']],
    ['New Year itself is found', '--01-01', ['2027-01-01']],
    ['the day before today is not found in the next year', '--12-19', []],
    ['a date after the window end in January is not found', '--01-20', []],
  ])('%s', (_rule, birthday, expected) => {
    expect(datesOf('2026-12-20', 30, [], [contact(birthday)])).toEqual(expected);
  });

  it.each([
    ['a yearly event in January', event('2020-01-05', 'yearly'), ['2027-01-05']],
    ['a one-off event in January of next year', event('2027-01-05'), ['2027-01-05']],
    ['a one-off event in January of this year is past', event('2026-01-05'), []],
  ])('%s', (_rule, e, expected) => {
    expect(datesOf('2026-12-20', 30, [e])).toEqual(expected);
  });
});

describe('29 February falls on 28 February in common years', () => {
  it.each([
    ['a --02-29 birthday in a leap year is on 29 February', '2028-02-01', 30, '--02-29', ['2028-02-29']],
    ['a --02-29 birthday in a common year is on 28 February', '2027-02-01', 30, '--02-29', ['2027-02-28']],
    ['a leap-day birth date in a common year is on 28 February', '2027-02-01', 30, '2000-02-29', ['2027-02-28']],
    ['a leap-day birth date in a leap year is on 29 February', '2028-02-01', 30, '2000-02-29', ['2028-02-29']],
    ['on 28 February of a common year the leap-day birthday is today', '2027-02-28', 1, '--02-29', ['2027-02-28']],
    ['on 1 March of a common year it has passed', '2027-03-01', 30, '--02-29', []],
    ['on 28 February of a leap year it is tomorrow', '2028-02-28', 1, '--02-29', ['2028-02-29']],
    ['a 28 February birthday stays on 28 February in a leap year', '2028-02-01', 30, '--02-28', ['2028-02-28']],
    ['a year-long window from a common year ending before the next leap day finds it once', '2027-02-01', 366, '--02-29', ['2027-02-28']],
    ['a window from a leap day finds 28 February next year', '2028-02-29', 366, '--02-29', ['2028-02-29', '2029-02-28']],
  ])('%s', (_rule, today, days, birthday, expected) => {
    expect(datesOf(today, days, [], [contact(birthday)])).toEqual(expected);
  });

  it('a yearly event on 29 February 2024 falls on 28 February 2025', () => {
    expect(datesOf('2025-02-01', 30, [event('2024-02-29', 'yearly')])).toEqual(['2025-02-28']);
  });

  it.each([
    [2024, '2024-02-29'],
    [2025, '2025-02-28'],
    [2100, '2100-02-28'],
    [2000, '2000-02-29'],
  ])('the 29 February anniversary in %i is %s', (year, expected) => {
    expect(anniversaryIn(year, 2, 29)).toBe(expected);
  });
});

describe('occurrences come back soonest first, then by name, then by id', () => {
  it('orders by date, then name (as a reader expects), then id, events and birthdays mixed', () => {
    const found = nextOccurrences({
      today: '2026-05-10',
      days: 30,
      events: [event('2026-05-20', 'none', 'Zoo day', 'E9'), event('2026-05-12', 'none', 'Bob', 'E2'), event('2020-05-12', 'yearly', 'Bob', 'E1')],
      contacts: [contact('--05-12', 'alice', 'C5'), contact('1980-05-11', 'Carl', 'C1'), contact('--05-20', 'Ann', 'C2')],
    });
    expect(found).toEqual([
      { date: '2026-05-11', kind: 'birthday', name: 'Carl', contactId: 'C1' },
      { date: '2026-05-12', kind: 'birthday', name: 'alice', contactId: 'C5' },
      { date: '2026-05-12', kind: 'event', name: 'Bob', eventId: 'E1' },
      { date: '2026-05-12', kind: 'event', name: 'Bob', eventId: 'E2' },
      { date: '2026-05-20', kind: 'birthday', name: 'Ann', contactId: 'C2' },
      { date: '2026-05-20', kind: 'event', name: 'Zoo day', eventId: 'E9' },
    ]);
  });

  it('gives the same order whatever the input order', () => {
    const events = [event('2026-05-12', 'none', 'A', 'E3'), event('2026-05-12', 'none', 'A', 'E1'), event('2026-05-11', 'yearly', 'B', 'E2')];
    const forward = nextOccurrences({ today: '2026-05-10', days: 5, events, contacts: [] });
    const backward = nextOccurrences({ today: '2026-05-10', days: 5, events: [...events].reverse(), contacts: [] });
    expect(backward).toEqual(forward);
    expect(forward.map((o) => o.eventId)).toEqual(['E2', 'E1', 'E3']);
  });

  it('returns an empty list when nothing falls in the window', () => {
    expect(nextOccurrences({ today: '2026-05-10', days: 30, events: [], contacts: [] })).toEqual([]);
  });
});

describe('bad input is a 400 naming the field', () => {
  it.each([
    ['days below 1', '2026-05-10', 0, 'days'],
    ['days above 366', '2026-05-10', 367, 'days'],
    ['a fractional days', '2026-05-10', 1.5, 'days'],
    ['a today that is not a date', '2026-02-30', 30, 'today'],
    ['a today in another format', '10/05/2026', 30, 'today'],
  ])('rejects %s', (_case, today, days, field) => {
    const call = () => nextOccurrences({ today, days, events: [], contacts: [] });
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(expect.objectContaining({ status: 400, details: [expect.objectContaining({ field })] }));
  });
});

describe('the calendar read: positions on a two-year wheel', () => {
  it.each([
    ['a dated event', '2019-05-20', ['05-20', '17-20']],
    ['a birthday without a year', '--12-31', ['12-31', '24-31']],
    ['the first day of the year', '2026-01-01', ['01-01', '13-01']],
    ['29 February', '--02-29', ['02-29', '14-29']],
  ])('%s (%s) is stored at %o', (_case, date, expected) => {
    expect(calendarPositions(date)).toEqual(expected);
  });

  it.each([
    ['a window inside one year', '2026-05-10', '2026-06-09', { from: '05-10', to: '06-09' }],
    ['one day (days = 0)', '2026-07-04', '2026-07-04', { from: '07-04', to: '07-04' }],
    ['across New Year: the end a year on', '2026-12-20', '2027-01-19', { from: '12-20', to: '13-19' }],
    ['New Year day alone', '2027-01-01', '2027-01-01', { from: '01-01', to: '01-01' }],
    ['ending on 28 February of a common year reaches 29 February', '2027-02-01', '2027-02-28', { from: '02-01', to: '02-29' }],
    ['ending on 28 February of a leap year does not', '2028-02-01', '2028-02-28', { from: '02-01', to: '02-28' }],
    ['ending on 28 February of a common year, a year on', '2026-12-31', '2027-02-28', { from: '12-31', to: '14-29' }],
    ['starting on 29 February of a leap year', '2028-02-29', '2029-03-01', { from: '02-29', to: '15-01' }],
    ['the longest window (366 days and a day either side) from 1 January', '2026-01-01', '2027-01-04', { from: '01-01', to: '13-04' }],
    ['the longest window from 30 December ends two years on: every position', '2026-12-30', '2028-01-03', { from: '12-30', to: '24-31' }],
  ])('%s: %s..%s reads %o', (_case, from, to, expected) => {
    expect(positionRange({ from, to })).toEqual(expected);
  });

  // Every day of a year-and-a-bit, as a property: whatever falls in a window has a position in its range.
  it.each([
    ['2026-12-25', 30],
    ['2027-02-27', 1],
    ['2028-02-28', 366],
    ['2026-03-01', 366],
    ['2027-12-31', 0],
  ])('from %s over %i days, every occurrence has a position in the range', (today, days) => {
    const window = { from: today, to: formatDate(addDays(parseDate(today) as CalendarDate, days)) };
    const range = positionRange(window);
    for (let d = 0; d <= days; d += 1) {
      const date = formatDate(addDays(parseDate(today) as CalendarDate, d));
      const stored = date.endsWith('02-28') && !isLeapYear(Number(date.slice(0, 4))) ? ['--02-28', '--02-29'] : [`--${date.slice(5)}`];
      for (const birthday of stored) {
        expect(calendarPositions(birthday).some((p) => p >= range.from && p <= range.to)).toBe(true);
      }
    }
  });

  it.each([
    ['a UTC day in the middle of the year', { year: 2026, month: 5, day: 10 }, 30, { from: '2026-05-09', to: '2026-06-10' }],
    ['the longest window', { year: 2026, month: 12, day: 31 }, 366, { from: '2026-12-30', to: '2028-01-02' }],
  ])("%s: every timezone's window is read (%o, %i days)", (_case, utcToday, days, expected) => {
    expect(windowInAnyTimezone(utcToday, days)).toEqual(expected);
  });
});
