/**
 * JSON bodies: at most 64 KiB (413), JSON content type when there is a body (415), parseable (400).
 * Written here rather than with @middy/http-json-body-parser because the SPEC fixes the status
 * codes (that middleware answers malformed JSON with 422 and has no size limit).
 */
import { AppError, ValidationError } from '../errors';

export const MAX_BODY_BYTES = 64 * 1024;

export function parseJsonBody(rawBody: string | null | undefined, isBase64: boolean, contentType: string | undefined): unknown {
  if (rawBody === null || rawBody === undefined || rawBody === '') return undefined;
  const bytes = isBase64 ? Buffer.from(rawBody, 'base64') : Buffer.from(rawBody, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
  }
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json');
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ValidationError('The request body is not valid JSON', [{ field: '(body)', message: 'must be valid JSON' }], 'INVALID_JSON');
  }
}
