/**
 * Repayments on the `loans` table (docs/loans.md):
 *   REPAYMENT#<id> / REPAYMENT   the repayment (consistent GetItem by id)
 *                                gsi1 REPAYMENTS#<loanId> / <id>   a loan's repayments, newest first
 * Repayments are only ever written inside the loan's transaction (LoanRepository.update): this
 * module builds those transaction items and reads them back.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryPage, type GuardedItem, type Page, type PageRequest } from '@platform/libs/db';
import { Conflict } from '@platform/libs/errors';
import { loansTable } from './loans';
import type { RepaymentRecord, RepaymentReversal } from '../model';

const key = (id: string) => ({ pk: `REPAYMENT#${id}`, sk: 'REPAYMENT' });

function fromItem(item: Record<string, unknown>): RepaymentRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, ...rest } = item;
  return rest as unknown as RepaymentRecord;
}

export class RepaymentRepository {
  async get(id: string): Promise<RepaymentRecord | undefined> {
    const out = await db().send(new GetCommand({ TableName: loansTable(), Key: key(id), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  /** A loan's repayments, newest first (gsi1). */
  listByLoan(loanId: string, page: PageRequest): Promise<Page<RepaymentRecord>> {
    return queryPage(
      {
        TableName: loansTable(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `REPAYMENTS#${loanId}` },
        ScanIndexForward: false,
      },
      page,
      ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
      fromItem,
    );
  }

  /** The transaction item that records a new repayment. */
  recordItem(repayment: RepaymentRecord): GuardedItem {
    return {
      item: {
        Put: {
          TableName: loansTable(),
          Item: { ...key(repayment.id), gsi1pk: `REPAYMENTS#${repayment.loanId}`, gsi1sk: repayment.id, ...repayment },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
  }

  /** The transaction item that marks it reversed, only if it is not already (409 ALREADY_REVERSED). */
  reverseItem(repayment: RepaymentRecord, reversal: RepaymentReversal): GuardedItem {
    return {
      item: {
        Update: {
          TableName: loansTable(),
          Key: key(repayment.id),
          UpdateExpression: 'SET #status = :reversed, reversal = :reversal, updatedAt = :now ADD #version :one',
          ConditionExpression: '#status = :recorded',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':reversed': 'reversed', ':recorded': 'recorded', ':reversal': reversal, ':now': reversal.at, ':one': 1 },
        },
      },
      onConditionFailed: () => alreadyReversed(repayment.id),
    };
  }
}

export const alreadyReversed = (id: string) => new Conflict(`Repayment ${id} has already been reversed`, 'ALREADY_REVERSED');

export const repayments = new RepaymentRepository();
