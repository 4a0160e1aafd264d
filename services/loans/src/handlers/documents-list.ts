import { route } from '@platform/libs/http';
import { loans } from '@platform/libs/repos/loans';
import { loanDocuments } from '@platform/libs/repos/loans-documents';
import { idFrom, readableBy } from '../access';
import { withDownload } from '../documents';
import * as schemas from '../schemas';

/** GET /loans/{loanId}/documents: each document with its upload status and, once uploaded, a presigned GET. */
export const handler = route<undefined, { limit: number; cursor?: string }>({ query: schemas.page }, async ({ params, principal, query }) => {
  const loan = readableBy(await loans.get(idFrom(params, 'loanId', 'Loan')), principal);
  const page = await loanDocuments.listByLoan(loan.id, { limit: query.limit, cursor: query.cursor });
  return { items: await Promise.all(page.items.map(withDownload)), nextCursor: page.nextCursor };
});
