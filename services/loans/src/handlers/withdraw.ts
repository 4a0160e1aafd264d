import { withdraw } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';
import { transitionRoute } from '../transition-route';

/** POST /loans/{loanId}/withdraw {reason?} (the borrower, while submitted or approved). */
export const handler = transitionRoute(routes.withdrawLoan, withdraw);
