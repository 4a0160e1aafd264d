/**
 * Counts DynamoDB round trips per request (AsyncLocalStorage, so concurrent requests in one
 * process never mix). The count goes on the request's log line, and on the local stage into an
 * `x-db-calls` header, which is how the tests check the round-trip budgets (docs/performance.md).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ calls: number }>();

export function countDbCalls<T>(fn: () => Promise<T>): Promise<T> {
  return storage.run({ calls: 0 }, fn);
}

export function recordDbCall(): void {
  const store = storage.getStore();
  if (store) store.calls += 1;
}

export const dbCallCount = (): number => storage.getStore()?.calls ?? 0;
