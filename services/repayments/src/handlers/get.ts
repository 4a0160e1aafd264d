import { route } from '@platform/libs/http';
import { repayments } from '@platform/libs/repos/loans-repayments';
import { idFrom, readableBy } from '../../../loans/src/access';

/** GET /repayments/{repaymentId}: staff, or the borrower of its loan. */
export const handler = route({}, async ({ params, principal }) => readableBy(await repayments.get(idFrom(params, 'repaymentId', 'Repayment')), principal, 'Repayment'));
