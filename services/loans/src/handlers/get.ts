import { route } from '@platform/libs/http';
import { loans } from '@platform/libs/repos/loans';
import { idFrom, readableBy } from '../access';
import { loanView } from '../loan-actions';

/** GET /loans/{loanId}: the borrower's own, or any for staff. */
export const handler = route({}, async ({ params, principal }) => loanView(readableBy(await loans.get(idFrom(params, 'loanId', 'Loan')), principal)));
