import { route, pathId } from '@platform/libs/http';
import { repayments } from '@platform/loans/repositories/repayments';
import { readableBy } from '@platform/loans/domain/visibility';

/** GET /repayments/{repaymentId}: staff, or the borrower of its loan. */
export const handler = route({}, async ({ params, principal }) =>
  readableBy(await repayments.get(pathId(params, 'repaymentId', 'Repayment')), principal, 'Repayment'),
);
