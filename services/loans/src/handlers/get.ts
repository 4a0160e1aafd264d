import { route, pathId } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { readableBy } from '@platform/loans/domain/visibility';
import { loanView } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';

/** GET /loans/{loanId}: the borrower's own, or any for staff. */
export const handler = route(routes.getLoan, async ({ params, principal }) =>
  loanView(readableBy(await loans.get(pathId(params, 'loanId', 'Loan')), principal)),
);
