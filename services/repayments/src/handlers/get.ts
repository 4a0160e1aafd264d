import { route, pathId } from '@platform/libs/http';
import { repayments } from '@platform/loans/repositories/repayments';
import { readableBy } from '@platform/loans/domain/visibility';
import * as routes from '../routes.generated';

/** GET /repayments/{repaymentId}: staff, or the borrower of its loan. */
export const handler = route(routes.getRepayment, async ({ params, principal }) =>
  readableBy(await repayments.get(pathId(params, 'repaymentId', 'Repayment')), principal, 'Repayment'),
);
