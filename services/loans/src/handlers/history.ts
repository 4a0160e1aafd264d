import { route, pathId } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { readableBy } from '@platform/loans/domain/visibility';
import * as routes from '../routes.generated';

/** GET /loans/{loanId}/history: every transition and money movement, oldest first. */
export const handler = route(routes.getLoanHistory, async ({ params, principal, query }) => {
  const loan = readableBy(await loans.get(pathId(params, 'loanId', 'Loan')), principal);
  return loans.history(loan.id, { limit: query.limit, cursor: query.cursor });
});
