import { rootLogger } from '@platform/libs/http';
import { refreshOverdueStatistics } from '@platform/loans/statistics-upkeep';

/** Scheduled daily (and `sls invoke -f refreshStats`): days overdue and PAR30 as of today. */
export const handler = async () => {
  const snapshot = await refreshOverdueStatistics();
  rootLogger.log('info', 'loan statistics refreshed', { asOf: snapshot.asOf, currencies: Object.keys(snapshot.byCurrency) });
  return snapshot;
};
