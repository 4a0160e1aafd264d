import { isStaff } from '@platform/libs/auth';
import { route } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { loanView } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';

/** GET /loans?status=&limit=&cursor=: a borrower's own loans, or every loan for staff; newest first. */
export const handler = route(routes.listLoans, async ({ principal, query }) => {
  const page = { limit: query.limit, cursor: query.cursor };
  const found = isStaff(principal) ? await loans.listAll(page, query.status) : await loans.listByBorrower(principal.userId, page, query.status);
  return { items: found.items.map(loanView), nextCursor: found.nextCursor };
});
