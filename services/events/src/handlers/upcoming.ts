import { addDays, formatDate, todayIn } from '@platform/libs/dates';
import { route } from '@platform/libs/http';
import { users } from '@platform/libs/identity';
import { events } from '@platform/gift-tracker/repositories';
import { DEFAULT_UPCOMING_DAYS, nextOccurrences } from '@platform/gift-tracker/domain/occurrences';
import { routes } from '../contract';

/**
 * GET /events/upcoming?days=N: the window starts at today in the user's timezone. The profile
 * and the calendar are read in parallel (two calls): the calendar from UTC's yesterday covers
 * every timezone's today, and nextOccurrences keeps only what falls in the user's window.
 */
export const handler = route(routes.listUpcoming, async ({ query, principal }) => {
  const earliest = formatDate(addDays(todayIn('UTC'), -1));
  const [user, calendar] = await Promise.all([users.get(principal.userId), events.calendar(principal.userId, earliest)]);
  const today = formatDate(todayIn(user?.timezone ?? 'UTC'));
  return { items: nextOccurrences({ today, days: query.days ?? DEFAULT_UPCOMING_DAYS, events: calendar.events, contacts: calendar.contacts }) };
});
