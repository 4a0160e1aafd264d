import { formatDate, todayIn } from '@platform/libs/dates';
import { route } from '@platform/libs/http';
import { users } from '@platform/libs/identity';
import { events } from '@platform/gift-tracker/repositories';
import { DEFAULT_UPCOMING_DAYS, nextOccurrences, windowInAnyTimezone } from '@platform/gift-tracker/domain/occurrences';
import * as routes from '../routes.generated';

/**
 * GET /events/upcoming?days=N: the window starts at today in the user's timezone. The profile
 * and the calendar are read in parallel (two calls): the calendar over the window of every
 * timezone's today, and nextOccurrences keeps only what falls in the user's window.
 */
export const handler = route(routes.listUpcoming, async ({ query, principal }) => {
  const days = query.days ?? DEFAULT_UPCOMING_DAYS;
  const [user, calendar] = await Promise.all([users.get(principal.userId), events.calendar(principal.userId, windowInAnyTimezone(todayIn('UTC'), days))]);
  const today = formatDate(todayIn(user?.timezone ?? 'UTC'));
  return { items: nextOccurrences({ today, days, events: calendar.events, contacts: calendar.contacts }) };
});
