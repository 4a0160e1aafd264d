/**
 * Idempotent loan and repayment POSTs: the first response for (user, Idempotency-Key) is kept on
 * the `loans` table for 24 hours and replayed; the record is one more item of the transaction
 * that makes the change, so a change and its record exist together or not at all.
 */
import { IdempotencyStore, requestHash, type StoredResponse } from '@platform/libs/db';
import { Conflict } from '@platform/libs/errors';
import { loansTable } from './loans';
import type { GuardedItem } from '@platform/libs/db';

class KeyTakenMeanwhile extends Error {}

export interface IdempotentRequest {
  userId: string;
  /** undefined where the key is optional and was not sent: the request simply runs. */
  key: string | undefined;
  route: string;
  body: unknown;
}

/** Builds the transaction item recording `response` (empty when the request has no key). */
export type RecordResponse = (response: StoredResponse) => GuardedItem[];

/**
 * Replays the stored response for a key already used with this body (422 with another body);
 * otherwise runs the request, which puts `record(response)` into its transaction. Two requests
 * racing with one key: the loser's transaction fails on the record, and it replays the winner's.
 */
export async function idempotently(request: IdempotentRequest, run: (record: RecordResponse) => Promise<StoredResponse>): Promise<StoredResponse> {
  const { userId, key } = request;
  if (!key) return run(() => []);
  const store = new IdempotencyStore(loansTable());
  const hash = requestHash(request.route, request.body);
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
