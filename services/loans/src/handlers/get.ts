import { route } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { idFrom, readableBy } from '@platform/loans/domain/access';
import { loanView } from '@platform/loans/domain/loan-changes';

/** GET /loans/{loanId}: the borrower's own, or any for staff. */
export const handler = route({}, async ({ params, principal }) => loanView(readableBy(await loans.get(idFrom(params, 'loanId', 'Loan')), principal)));
