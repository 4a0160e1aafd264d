import { approve } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';
import { transitionRoute } from '../transition-route';

/** POST /loans/{loanId}/approve {annualRatePercent, approvedPrincipal?, note?} (loan officer or admin, never their own). */
export const handler = transitionRoute(routes.approveLoan, approve);
