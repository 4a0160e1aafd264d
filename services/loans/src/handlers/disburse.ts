import { disburse } from '../loan-actions';
import * as schemas from '../schemas';
import { transitionRoute } from '../transitions';

/** POST /loans/{loanId}/disburse {disbursedOn} (accountant or admin): active, schedule fixed from that date. */
export const handler = transitionRoute(schemas.disburse, disburse);
