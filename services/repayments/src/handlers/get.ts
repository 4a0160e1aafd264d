import { route } from '@platform/libs/http';
import { repayments } from '@platform/loans/repositories/repayments';
import { idFrom, readableBy } from '@platform/loans/domain/access';

/** GET /repayments/{repaymentId}: staff, or the borrower of its loan. */
export const handler = route({}, async ({ params, principal }) => readableBy(await repayments.get(idFrom(params, 'repaymentId', 'Repayment')), principal, 'Repayment'));
