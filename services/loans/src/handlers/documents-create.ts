import { Forbidden } from '@platform/libs/errors';
import { created, route } from '@platform/libs/http';
import { newId } from '@platform/libs/ids';
import { loans } from '@platform/loans/repositories/loans';
import { loanDocuments, type DocumentKind } from '@platform/loans/repositories/documents';
import { idFrom, readableBy } from '@platform/loans/domain/access';
import { objectKey, uploadFor } from '@platform/loans/repositories/document-files';
import * as schemas from '../schemas';

interface Body {
  kind: DocumentKind;
  contentType: string;
  size: number;
}

/** POST /loans/{loanId}/documents {kind, contentType, size} (the borrower): 201 with a presigned POST. */
export const handler = route<Body>({ body: schemas.document }, async ({ params, principal, body }) => {
  const loan = readableBy(await loans.get(idFrom(params, 'loanId', 'Loan')), principal);
  if (loan.borrowerId !== principal.userId) throw new Forbidden('only the borrower uploads documents for a loan');
  const id = newId();
  const document = { id, loanId: loan.id, borrowerId: loan.borrowerId, ...body, key: objectKey(loan.borrowerId, loan.id, id), createdAt: new Date().toISOString() };
  const reply = await uploadFor(document);
  await loanDocuments.put(document);
  return created(reply);
});
