import { route, pathId } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { readableBy } from '@platform/loans/domain/visibility';
import { loanView } from '@platform/loans/domain/loan-changes';

/** GET /loans/{loanId}: the borrower's own, or any for staff. */
export const handler = route({}, async ({ params, principal }) => loanView(readableBy(await loans.get(pathId(params, 'loanId', 'Loan')), principal)));
