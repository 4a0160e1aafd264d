import { disburse } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';
import { transitionRoute } from '../transition-route';

/** POST /loans/{loanId}/disburse {disbursedOn} (accountant or admin): active, schedule fixed from that date. */
export const handler = transitionRoute(routes.disburseLoan, disburse);
