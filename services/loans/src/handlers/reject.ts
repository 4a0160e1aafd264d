import { reject } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';
import { transitionRoute } from '../transition-route';

/** POST /loans/{loanId}/reject {reason} (loan officer or admin, never their own). */
export const handler = transitionRoute(routes.rejectLoan, reject);
