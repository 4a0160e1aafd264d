import { writeOff } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';
import { transitionRoute } from '../transition-route';

/** POST /loans/{loanId}/write-off {reason?} (admin, active loans). */
export const handler = transitionRoute(routes.writeOffLoan, writeOff);
