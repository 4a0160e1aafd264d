import { approve } from '../loan-actions';
import * as schemas from '../schemas';
import { transitionRoute } from '../transitions';

/** POST /loans/{loanId}/approve {annualRatePercent, approvedPrincipal?, note?} (loan officer or admin, never their own). */
export const handler = transitionRoute(schemas.approve, approve);
