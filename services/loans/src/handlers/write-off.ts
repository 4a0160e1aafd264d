import { writeOff } from '@platform/loans/domain/loan-changes';
import * as schemas from '../schemas';
import { transitionRoute } from '../transition-route';

/** POST /loans/{loanId}/write-off {reason?} (admin, active loans). */
export const handler = transitionRoute(schemas.writeOff, writeOff, { bodyOptional: true });
