import { STAFF_ROLES } from '@platform/libs/auth';
import { route } from '@platform/libs/http';
import { loanStatistics } from '@platform/loans/repositories/statistics-counters';
import { summarize } from '@platform/loans/domain/statistics';

/** GET /loans/stats/summary (staff): counter shards summed plus the last overdue refresh, one Query. */
export const handler = route({ roles: STAFF_ROLES }, async () => {
  const { counters, overdue } = await loanStatistics.read();
  return summarize(counters, overdue, new Date().toISOString());
});
