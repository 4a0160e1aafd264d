/** Every error leaves in one shape: {error: {code, message, details?}, requestId}. No stack traces out. */
import { AppError } from '../errors';
import { asUnavailable } from '../db/errors';
import type { Logger } from './logger';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown[] };
  requestId: string;
}

export interface ErrorResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Maps anything thrown to the SPEC's error response; unexpected errors are logged and become a bare 500. */
export function toErrorResponse(error: unknown, requestId: string, logger: Logger): ErrorResponse {
  const known = error instanceof AppError ? error : asUnavailable(error);
  const status = known?.status ?? 500;
  const body: ErrorBody = {
    error: known
      ? { code: known.code, message: known.message, ...(known.details?.length ? { details: known.details } : {}) }
      : { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; it has been logged' },
    requestId,
  };
  if (!known) {
    const e = error as Error;
    logger.log('error', 'unhandled error', { errorName: e?.name, errorMessage: e?.message, stack: e?.stack });
  }
  return {
    statusCode: status,
    headers: { 'Content-Type': 'application/json', ...(known?.headers ?? {}) },
    body: JSON.stringify(body),
  };
}
