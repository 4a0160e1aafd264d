/** Recognising DynamoDB's own failures, so callers turn them into domain errors. */
import { ServiceUnavailable } from '../errors';

export const isConditionFailed = (error: unknown): boolean => (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/** Reasons of a cancelled transaction, in the order of its items ('None' for items that passed). */
export function cancellationReasons(error: unknown): string[] | undefined {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name !== 'TransactionCanceledException') return undefined;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TransactionInProgressException']);

/** Throttling and unreachable endpoints are a 503 with Retry-After, not a 500. */
export function asUnavailable(error: unknown): ServiceUnavailable | undefined {
  const e = error as { name?: string; code?: string; $metadata?: unknown };
  if (THROTTLED.has(e?.name ?? '')) return new ServiceUnavailable('The database is busy, try again shortly', 1);
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(e?.code ?? '') || e?.name === 'TimeoutError') {
    return new ServiceUnavailable('The database is unreachable, try again shortly', 2);
  }
  return undefined;
}
