/** Every error leaves in one shape: {error: {code, message, details?}, requestId}. No stack traces out. */
import { AppError, ConfigurationError, ValidationError } from '../errors';
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

const BODY_PARSER = '@middy/http-json-body-parser';

/**
 * @middy/http-json-body-parser's errors (an HttpError whose cause names the package) in the platform's
 * terms (docs/api.md): its 415 is 415 UNSUPPORTED_MEDIA_TYPE; its 422 (malformed JSON, or a `__proto__` /
 * `constructor.prototype` key it refuses) is 400 INVALID_JSON in the VALIDATION_FAILED shape.
 */
function fromBodyParser(error: unknown): AppError | undefined {
  const e = error as { statusCode?: unknown; message?: unknown; cause?: { package?: unknown; data?: unknown } } | null;
  if (e?.cause?.package !== BODY_PARSER) return undefined;
  if (e.statusCode === 415) return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json');
  const forbiddenKey = e.message === 'Forbidden key in JSON body' ? String(e.cause.data) : undefined;
  const detail = forbiddenKey ? `must not contain the key "${forbiddenKey}"` : 'must be valid JSON';
  return new ValidationError('The request body is not valid JSON', [{ field: '(body)', message: detail }], 'INVALID_JSON');
}

/** Maps anything thrown to the error response of docs/api.md; unexpected errors are logged and become a bare 500. */
export function toErrorResponse(error: unknown, requestId: string, logger: Logger): ErrorResponse {
  const known = error instanceof AppError ? error : (fromBodyParser(error) ?? asUnavailable(error));
  const status = known?.status ?? 500;
  const body: ErrorBody = {
    error: known
      ? { code: known.code, message: known.message, ...(known.details?.length ? { details: known.details } : {}) }
      : { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; it has been logged' },
    requestId,
  };
  if (error instanceof ConfigurationError) {
    // The operator's mistake, not the client's: logged with the setting's name, answered without it.
    logger.log('error', 'configuration error', { errorName: error.name, errorMessage: error.message, setting: error.setting });
    body.error = { code: error.code, message: 'The service is not configured correctly; it has been logged' };
  } else if (!known) {
    const e = error as Error;
    logger.log('error', 'unhandled error', { errorName: e?.name, errorMessage: e?.message, stack: e?.stack });
  }
  return {
    statusCode: status,
    headers: { 'Content-Type': 'application/json', ...(known?.headers ?? {}) },
    body: JSON.stringify(body),
  };
}
