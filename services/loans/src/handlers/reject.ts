import { reject } from '../loan-actions';
import * as schemas from '../schemas';
import { transitionRoute } from '../transitions';

/** POST /loans/{loanId}/reject {reason} (loan officer or admin, never their own). */
export const handler = transitionRoute(schemas.reject, reject);
