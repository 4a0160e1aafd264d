/**
 * Idempotent loan and repayment POSTs: the first response for (user, Idempotency-Key) is kept on
 * the `loans` table for 24 hours and replayed; the record is one more item of the transaction
 * that makes the change, so a change and its record exist together or not at all. The key and the
 * request's fingerprint come from route()'s `idempotency` option (ctx.idempotency).
 */
import { IdempotencyStore, type IdempotentRequest, type StoredResponse } from '@platform/libs/db';
import { Conflict } from '@platform/libs/errors';
import { withStatus, type Reply } from '@platform/libs/http';
import { loansTable } from './loans';
import type { GuardedItem } from '@platform/libs/db';

class KeyTakenMeanwhile extends Error {}

/** Builds the transaction item recording `response` (empty when the request has no key). */
export type RecordResponse = (response: StoredResponse) => GuardedItem[];

/**
 * The route's reply, at most once per key: replays the stored response for a key already used
 * with this request (422 with another body); otherwise runs the request, which puts
 * `record(response)` into its transaction. Two requests racing with one key: the loser's
 * transaction fails on the record, and it replays the winner's.
 */
export async function idempotently(request: IdempotentRequest, run: (record: RecordResponse) => Promise<StoredResponse>): Promise<Reply> {
  const response = await respondOnce(request, run);
  return withStatus(response.statusCode, response.body);
}

async function respondOnce(request: IdempotentRequest, run: (record: RecordResponse) => Promise<StoredResponse>): Promise<StoredResponse> {
  if (request.key === undefined) return run(() => []);
  const { userId, key, fingerprint: hash } = request;
  const store = new IdempotencyStore(loansTable());
  const stored = await store.find(userId, key, hash);
  if (stored) return stored;
  try {
    return await run((response) => [{ item: store.record(userId, key, hash, response), onConditionFailed: () => new KeyTakenMeanwhile() }]);
  } catch (error) {
    if (!(error instanceof KeyTakenMeanwhile)) throw error;
    const winner = await store.find(userId, key, hash);
    if (!winner) throw new Conflict('A request with this Idempotency-Key is still in progress; try again', 'IDEMPOTENCY_IN_PROGRESS');
    return winner;
  }
}
