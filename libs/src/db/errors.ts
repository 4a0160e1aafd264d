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

/** Network failures of a dependency that is down, restarting or unreachable. */
const UNREACHABLE = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)\b|socket hang up/;

/**
 * The network error behind an SDK failure. The SDK's retry layer wraps a thrown value that is not
 * an Error of its own realm into a plain Error ("AWS SDK error wrapper for Error: connect
 * ECONNREFUSED ..."), dropping `code`: then only the message still says what happened.
 */
function networkFailure(e: { name?: string; code?: string; message?: string; cause?: { code?: string } }): boolean {
  return UNREACHABLE.test(e.code ?? '') || UNREACHABLE.test(e.cause?.code ?? '') || UNREACHABLE.test(e.message ?? '');
}

/** Throttling and unreachable endpoints (DynamoDB, S3) are a 503 with Retry-After, not a 500. */
export function asUnavailable(error: unknown): ServiceUnavailable | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (THROTTLED.has(e.name ?? '')) return new ServiceUnavailable('The database is busy, try again shortly', 1);
  if (e.name === 'TimeoutError' || networkFailure(e)) {
    return new ServiceUnavailable('A service this request needs is unreachable, try again shortly', 2);
  }
  return undefined;
}
