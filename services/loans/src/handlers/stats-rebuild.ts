import { route } from '@platform/libs/http';
import { rebuildStatistics } from '../statistics';

/** POST /loans/stats/rebuild (admin): every figure recomputed from the loans; answers the drift corrected. */
export const handler = route({ roles: ['admin'] }, async () => rebuildStatistics());
