import { route } from '@platform/libs/http';
import { loans } from '@platform/libs/repos/loans';
import { repayments } from '@platform/libs/repos/loans-repayments';
import { readableBy } from '../../../loans/src/access';
import * as schemas from '../schemas';

/** GET /repayments?loanId= : staff, or the borrower for their own loan; newest first. */
export const handler = route<undefined, { loanId: string; limit: number; cursor?: string }>({ query: schemas.list }, async ({ principal, query }) => {
  const loan = readableBy(await loans.get(query.loanId), principal);
  return repayments.listByLoan(loan.id, { limit: query.limit, cursor: query.cursor });
});
