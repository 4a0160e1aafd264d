import { route } from '@platform/libs/http';
import { loanStatistics } from '@platform/loans/repositories/statistics-counters';
import { summarize } from '@platform/loans/domain/statistics';
import * as routes from '../routes.generated';

/** GET /loans/stats/summary (staff): counter shards summed plus the last overdue refresh, one Query. */
export const handler = route(routes.getLoanStatistics, async () => {
  const { counters, overdue } = await loanStatistics.read();
  return summarize(counters, overdue, new Date().toISOString());
});
