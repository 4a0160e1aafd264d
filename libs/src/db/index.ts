export { db, tableName } from './client';
export { queryPage, encodeCursor, decodeCursor, cursorScope, invalidCursor, DEFAULT_LIMIT, MAX_LIMIT, type Page, type PageRequest } from './pagination';
export { isConditionFailed, cancellationReasons, asUnavailable } from './errors';
export {
  IdempotencyStore,
  requestHash,
  idempotencyKey,
  idempotentRequest,
  IDEMPOTENCY_TTL_SECONDS,
  type StoredResponse,
  type IdempotentRequest,
  type IdempotencyMode,
} from './idempotency';
export { countDbCalls, dbCallCount } from './metrics';
export type { TransactItem, GuardedItem } from './transactions';
