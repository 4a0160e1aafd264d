import { Forbidden } from '@platform/libs/errors';
import { created, route, pathId } from '@platform/libs/http';
import { newId } from '@platform/libs/ids';
import { loans } from '@platform/loans/repositories/loans';
import { loanDocuments } from '@platform/loans/repositories/documents';
import { readableBy } from '@platform/loans/domain/visibility';
import { objectKey, uploadFor } from '@platform/loans/repositories/document-files';
import * as routes from '../routes.generated';

/** POST /loans/{loanId}/documents {kind, contentType, size} (the borrower): 201 with a presigned POST. */
export const handler = route(routes.createLoanDocument, async ({ params, principal, body }) => {
  const loan = readableBy(await loans.get(pathId(params, 'loanId', 'Loan')), principal);
  if (loan.borrowerId !== principal.userId) throw new Forbidden('only the borrower uploads documents for a loan');
  const id = newId();
  const document = {
    id,
    loanId: loan.id,
    borrowerId: loan.borrowerId,
    ...body,
    key: objectKey(loan.borrowerId, loan.id, id),
    createdAt: new Date().toISOString(),
  };
  const reply = await uploadFor(document);
  await loanDocuments.put(document);
  return created(reply);
});
