/**
 * `calendar-backfill`: puts every event and birthday written before the two-position calendar
 * (docs/gift-tracker.md, "The upcoming calendar") at both of its positions. One-off: items written
 * since are already there. Idempotent: a second run rewrites the same keys. Runs the Gift Tracker
 * repository's own relayCalendar in this process against the stage's table, item by item.
 */
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { type OpsContext, useStageEnvironment } from './context';

export async function calendarBackfill(ctx: OpsContext): Promise<{ relaid: number; changed: number }> {
  useStageEnvironment(ctx);
  // Loaded after the environment is set: libs/src/config reads it once.
  const { db, tableName } = await import('@platform/libs/db');
  const { relayCalendar, TABLE } = await import('@platform/gift-tracker/repositories');
  const counts = { relaid: 0, changed: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await db().send(
      new ScanCommand({
        TableName: tableName(TABLE),
        FilterExpression: 'begins_with(sk, :event) OR begins_with(sk, :contact)',
        ExpressionAttributeValues: { ':event': 'EVENT#', ':contact': 'CONTACT#' },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) {
      if (await relayCalendar(item)) counts.relaid += 1;
      else counts.changed += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  ctx.log(`calendar  ${counts.relaid} events and contacts at both calendar positions; ${counts.changed} changed meanwhile (run again)`);
  return counts;
}
