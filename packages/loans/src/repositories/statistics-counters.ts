/**
 * Loan statistics on the `loans` table, partition STATS (docs/loans.md, "Statistics"):
 *   STATS / COUNTERS#<00..15>  counter shards: every transition and repayment ADDs its deltas to
 *                              one shard picked at random, in the same transaction as the change,
 *                              so writers on different loans rarely meet on one item
 *   STATS / OVERDUE            the calendar-dependent figures, written by the daily refresh
 * Reading is one Query on the partition (17 items at most, whatever the number of loans).
 */
import { QueryCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName, type TransactItem } from '@platform/libs/db';
import type { CounterDelta, OverdueSnapshot } from '../model';

export const COUNTER_SHARDS = 16;
const PARTITION = 'STATS';
const shardKey = (shard: number) => ({ pk: PARTITION, sk: `COUNTERS#${String(shard).padStart(2, '0')}` });
const table = () => tableName('loans');

function addExpression(delta: CounterDelta) {
  const entries = Object.entries(delta).filter(([, amount]) => amount !== 0);
  if (entries.length === 0) return undefined;
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = entries.map(([figure, amount], i) => {
    names[`#f${i}`] = figure;
    values[`:v${i}`] = amount;
    return `#f${i} :v${i}`;
  });
  return { UpdateExpression: `ADD ${parts.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** The transaction item adding `delta` to a random shard; undefined when nothing moves. */
export function counterUpdate(delta: CounterDelta, shard = Math.floor(Math.random() * COUNTER_SHARDS)): TransactItem | undefined {
  const expression = addExpression(delta);
  return expression ? { Update: { TableName: table(), Key: shardKey(shard), ...expression } } : undefined;
}

export class LoanStatisticsRepository {
  /** Every shard summed, and the last overdue snapshot: one bounded, consistent Query. */
  async read(): Promise<{ counters: CounterDelta; overdue?: OverdueSnapshot }> {
    const out = await db().send(
      new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': PARTITION }, ConsistentRead: true }),
    );
    const counters: CounterDelta = {};
    let overdue: OverdueSnapshot | undefined;
    for (const item of out.Items ?? []) {
      const { pk: _pk, sk, ...figures } = item;
      if (sk === 'OVERDUE') {
        overdue = figures as unknown as OverdueSnapshot;
        continue;
      }
      for (const [figure, amount] of Object.entries(figures)) {
        if (typeof amount === 'number') counters[figure] = (counters[figure] ?? 0) + amount;
      }
    }
    return { counters, overdue };
  }

  /** Adds a correction (the rebuild's drift) to shard 0; ADD keeps concurrent writers' updates. */
  async correct(delta: CounterDelta): Promise<void> {
    const expression = addExpression(delta);
    if (expression) await db().send(new UpdateCommand({ TableName: table(), Key: shardKey(0), ...expression }));
  }

  async saveOverdue(snapshot: OverdueSnapshot): Promise<void> {
    await db().send(new PutCommand({ TableName: table(), Item: { pk: PARTITION, sk: 'OVERDUE', ...snapshot } }));
  }
}

export const loanStatistics = new LoanStatisticsRepository();
