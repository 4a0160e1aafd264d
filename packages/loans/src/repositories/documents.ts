/**
 * A loan's documents on the `loans` table: LOAN#<loanId> / DOCUMENT#<id>. The object itself is in
 * the loan documents bucket at <borrowerId>/<loanId>/<id>; this is its record.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryPage, type Page, type PageRequest } from '@platform/libs/db';
import type { LoanDocumentRecord } from '../model';
import { loansTable } from './loans';

function fromItem(item: Record<string, unknown>): LoanDocumentRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as LoanDocumentRecord;
}

export class LoanDocumentRepository {
  async put(document: LoanDocumentRecord): Promise<void> {
    await db().send(
      new PutCommand({
        TableName: loansTable(),
        Item: { pk: `LOAN#${document.loanId}`, sk: `DOCUMENT#${document.id}`, ...document },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Oldest first. */
  listByLoan(loanId: string, page: PageRequest): Promise<Page<LoanDocumentRecord>> {
    return queryPage(
      {
        TableName: loansTable(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :documents)',
        ExpressionAttributeValues: { ':pk': `LOAN#${loanId}`, ':documents': 'DOCUMENT#' },
      },
      page,
      ['pk', 'sk'],
      fromItem,
    );
  }
}

export const loanDocuments = new LoanDocumentRepository();
