import { route, pathId } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { loanDocuments } from '@platform/loans/repositories/documents';
import { readableBy } from '@platform/loans/domain/visibility';
import { withDownload } from '@platform/loans/repositories/document-files';
import * as routes from '../routes.generated';

/** GET /loans/{loanId}/documents: each document with its upload status and, once uploaded, a presigned GET. */
export const handler = route(routes.listLoanDocuments, async ({ params, principal, query }) => {
  const loan = readableBy(await loans.get(pathId(params, 'loanId', 'Loan')), principal);
  const page = await loanDocuments.listByLoan(loan.id, { limit: query.limit, cursor: query.cursor });
  return { items: await Promise.all(page.items.map(withDownload)), nextCursor: page.nextCursor };
});
