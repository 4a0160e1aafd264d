import { route } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { repayments } from '@platform/loans/repositories/repayments';
import { readableBy } from '@platform/loans/domain/visibility';
import * as routes from '../routes.generated';

/** GET /repayments?loanId= : staff, or the borrower for their own loan; newest first. */
export const handler = route(routes.listRepayments, async ({ principal, query }) => {
  const loan = readableBy(await loans.get(query.loanId), principal);
  return repayments.listByLoan(loan.id, { limit: query.limit, cursor: query.cursor });
});
