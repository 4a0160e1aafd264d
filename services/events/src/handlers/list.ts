import { ValidationError } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { events } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/** GET /events?from=&to=: by date (both ends inclusive), oldest first; one Query. */
export const handler = route(routes.listEvents, async ({ query, principal }) => {
  if (query.from && query.to && query.from > query.to) {
    throw new ValidationError('from must not be after to', [{ field: 'from', message: 'must be on or before to' }]);
  }
  return events.list(principal.userId, { from: query.from, to: query.to }, { limit: query.limit, cursor: query.cursor });
});
