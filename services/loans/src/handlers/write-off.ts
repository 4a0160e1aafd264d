import { writeOff } from '../loan-actions';
import * as schemas from '../schemas';
import { transitionRoute } from '../transitions';

/** POST /loans/{loanId}/write-off {reason?} (admin, active loans). */
export const handler = transitionRoute(schemas.writeOff, writeOff, { bodyOptional: true });
