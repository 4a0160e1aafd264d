/**
 * LoanRepository: loans and their audit history on the `loans` table (docs/loans.md).
 *   LOAN#<id>  / LOAN                 the loan, schedule included once disbursed
 *                                     gsi1 BORROWER#<userId> / <id>   a borrower's loans
 *                                     gsi2 STATUS#<status>   / <id>   loans in a state (staff, refresh, rebuild)
 *                                     gsi3 LOANS             / <id>   every loan (staff, no ?status=)
 *   LOAN#<id>  / HISTORY#<version>#<n>  one audit entry, written in the transaction it records
 * Every change goes through `update`: read, decide (pure, may throw a domain error), one
 * TransactWrite conditioned on the version read, retried from a fresh read when another writer won.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, db, queryPage, tableName, type GuardedItem, type Page, type PageRequest, type TransactItem } from '@platform/libs/db';
import { Conflict, NotFound } from '@platform/libs/errors';
import { historyFromItem, historySk, loanFromItem, loanKey, toItem } from './loan-items';
import { counterUpdate } from './statistics-counters';
import type { HistoryEntry, LoanRecord, LoanState, LoanWrite } from '../model';

/** A decision's write plus items the caller adds to the same transaction (its idempotency record). */
export interface LoanTransaction<T = undefined> extends LoanWrite<T> {
  items?: GuardedItem[];
}

export const loansTable = () => tableName('loans');
const MAX_ATTEMPTS = 40;
/** Cancellation reasons that say "not now" rather than "no": worth another try from a fresh read. */
const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

const put = (Item: Record<string, unknown>, ConditionExpression?: string): TransactItem => ({
  Put: { TableName: loansTable(), Item, ...(ConditionExpression ? { ConditionExpression } : {}) },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Exponential backoff with full jitter, up to 1 s: writers colliding on one loan spread out over
 * the next seconds instead of colliding again (with a 200 ms cap, 20 writers kept overlapping).
 */
const backoff = (attempt: number) => sleep(Math.random() * Math.min(1000, 15 * 2 ** Math.min(attempt, 7)));
/** Then give up (409, safe to retry with the same Idempotency-Key) before the function's 20 s timeout. */
const RETRY_BUDGET_MS = 15_000;

const LOAN_KEYS = ['pk', 'sk'];
const INDEX_KEYS = { gsi1: ['gsi1pk', 'gsi1sk'], gsi2: ['gsi2pk', 'gsi2sk'], gsi3: ['gsi3pk', 'gsi3sk'] } as const;

export class LoanRepository {
  async get(id: string): Promise<LoanRecord | undefined> {
    const out = await db().send(new GetCommand({ TableName: loansTable(), Key: loanKey(id), ConsistentRead: true }));
    return out.Item ? loanFromItem(out.Item) : undefined;
  }

  async require(id: string): Promise<LoanRecord> {
    const loan = await this.get(id);
    if (!loan) throw new NotFound('Loan');
    return loan;
  }

  /** Newest first, on gsi1 (a borrower's loans) with an optional status filter (a borrower has few loans). */
  listByBorrower(borrowerId: string, page: PageRequest, status?: LoanState): Promise<Page<LoanRecord>> {
    return this.listOn('gsi1', `BORROWER#${borrowerId}`, page, status);
  }

  /** Newest first: gsi2 for one status, gsi3 for all. */
  listAll(page: PageRequest, status?: LoanState): Promise<Page<LoanRecord>> {
    return status ? this.listOn('gsi2', `STATUS#${status}`, page) : this.listOn('gsi3', 'LOANS', page);
  }

  private listOn(index: keyof typeof INDEX_KEYS, partition: string, page: PageRequest, status?: LoanState): Promise<Page<LoanRecord>> {
    const [pkName] = INDEX_KEYS[index];
    return queryPage(
      {
        TableName: loansTable(),
        IndexName: index,
        KeyConditionExpression: `${pkName} = :p`,
        ScanIndexForward: false,
        ...(status
          ? {
              FilterExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':p': partition, ':status': status },
            }
          : { ExpressionAttributeValues: { ':p': partition } }),
      },
      page,
      [...LOAN_KEYS, ...INDEX_KEYS[index]],
      loanFromItem,
    );
  }

  /** Every loan in a state, page by page through gsi2 (the daily refresh and the rebuild; never a Scan). */
  async forEachWithStatus(status: LoanState, visit: (loan: LoanRecord) => void): Promise<void> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db().send(
        new QueryCommand({
          TableName: loansTable(),
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :p',
          ExpressionAttributeValues: { ':p': `STATUS#${status}` },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) visit(loanFromItem(item));
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /** The audit trail, oldest first (sort key: the loan version each change produced). */
  history(loanId: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    return queryPage(
      {
        TableName: loansTable(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :history)',
        ExpressionAttributeValues: { ':pk': `LOAN#${loanId}`, ':history': 'HISTORY#' },
        ConsistentRead: true,
      },
      page,
      LOAN_KEYS,
      historyFromItem,
    );
  }

  /** A new loan, its first history entry, counters and extra items (the idempotency record) at once. */
  async create<T>(write: LoanTransaction<T>): Promise<LoanRecord> {
    const loan = write.loan;
    for (let attempt = 1; ; attempt += 1) {
      // Only a counter shard can be contended here (TransactionConflict): the next try picks another.
      if (await this.send([{ item: put(toItem(loan), 'attribute_not_exists(pk)') }, ...this.alongside(loan, write)])) return loan;
      if (attempt >= MAX_ATTEMPTS) throw new Conflict('Too many requests at once; try again', 'CONCURRENT_UPDATE');
      await backoff(attempt);
    }
  }

  /**
   * Reads the loan, lets `decide` say what changes (the loan it returns carries the read version
   * + 1), and writes it all in one transaction conditioned on the version read. Another writer in
   * between (version moved, or DynamoDB's TransactionConflict on a shared item) means: read again
   * and decide again.
   */
  async update<T>(id: string, decide: (loan: LoanRecord) => LoanTransaction<T> | Promise<LoanTransaction<T>>): Promise<{ loan: LoanRecord; result: T }> {
    const deadline = Date.now() + RETRY_BUDGET_MS;
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.require(id);
      const write = await decide(current);
      const loan = write.loan;
      if (loan.version !== current.version + 1) throw new Error(`loan ${id}: a change must write version ${current.version + 1}, not ${loan.version}`);
      const items: GuardedItem[] = [
        {
          item: {
            Put: {
              TableName: loansTable(),
              Item: toItem(loan),
              ConditionExpression: '#version = :read',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':read': current.version },
            },
          },
        },
        ...this.alongside(loan, write),
      ];
      if (await this.send(items)) return { loan, result: write.result };
      if (attempt >= MAX_ATTEMPTS || Date.now() >= deadline)
        throw new Conflict('The loan is being changed by many requests at once; try again', 'CONCURRENT_UPDATE');
      await backoff(attempt);
    }
  }

  private alongside<T>(loan: LoanRecord, write: LoanTransaction<T>): GuardedItem[] {
    const history = write.history.map(
      (entry, n): GuardedItem => ({
        item: put({ pk: `LOAN#${loan.id}`, sk: historySk(loan.version, n), ...entry }, 'attribute_not_exists(pk)'),
      }),
    );
    const counters = write.counters ? counterUpdate(write.counters) : undefined;
    return [...history, ...(counters ? [{ item: counters }] : []), ...(write.items ?? [])];
  }

  /** true when written; false when the loan's version moved or a transaction got in the way (retry). */
  private async send(items: GuardedItem[]): Promise<boolean> {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionConflictException') return false;
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      reasons.forEach((reason, index) => {
        const known = items[index]?.onConditionFailed;
        if (reason === 'ConditionalCheckFailed' && known) throw known();
      });
      if (reasons[0] === 'ConditionalCheckFailed' || reasons.some((r) => RETRYABLE_REASONS.has(r))) return false;
      throw error;
    }
  }
}

export const loans = new LoanRepository();
