import { route } from '@platform/libs/http';
import { rebuildStatistics } from '@platform/loans/statistics-upkeep';
import * as routes from '../routes.generated';

/** POST /loans/stats/rebuild (admin): every figure recomputed from the loans; answers the drift corrected. */
export const handler = route(routes.rebuildLoanStatistics, async () => rebuildStatistics());
