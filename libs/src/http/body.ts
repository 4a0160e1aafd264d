/**
 * JSON bodies, in the Middy stack after authentication: absent stays absent (undefined); at most
 * 64 KiB (413, checked here: the parser has no limit); then @middy/http-json-body-parser: a JSON
 * content type (its 415) and parseable JSON (its 422, which the error responder turns into the
 * platform's 400 INVALID_JSON, see error-response.ts). The parsed value replaces event.body.
 */
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { AppError, ValidationError } from '../errors';

export const MAX_BODY_BYTES = 64 * 1024;
/** Deeper bodies are refused before anything walks them recursively (trimming, validation). */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether no array or object in the JSON text nests more than `max` levels, read from the text
 * itself (brackets outside strings), so nothing recursive (the parser's reviver, trimming,
 * validation) ever meets a deeper body.
 */
export function nestedWithin(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return false;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return true;
}

/** The content types @middy/http-json-body-parser accepts (the same pattern as its own check). */
const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]+\+)?json(;|$)/i;

const bodyBytes = (body: string, isBase64: boolean): number => (isBase64 ? Buffer.from(body, 'base64').length : Buffer.byteLength(body, 'utf8'));

/** The body middleware: size first (413), the depth (400), then the Middy JSON parser (415, then malformed JSON). */
export function jsonBody(): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const parser = httpJsonBodyParser<APIGatewayProxyEvent>();
  return {
    before: (request) => {
      const event = request.event as Omit<APIGatewayProxyEvent, 'body'> & { body: unknown };
      if (event.body === null || event.body === undefined || event.body === '') {
        event.body = undefined; // no body: nothing to parse, no content type needed
        return;
      }
      if (bodyBytes(event.body as string, event.isBase64Encoded) > MAX_BODY_BYTES) {
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
      }
      // A non-JSON content type is the parser's 415, which comes before any 400.
      const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'];
      if (!JSON_CONTENT_TYPE.test(contentType ?? '')) return parser.before?.(request as middy.Request<APIGatewayProxyEvent, unknown>);
      const text = event.isBase64Encoded ? Buffer.from(event.body as string, 'base64').toString('utf8') : (event.body as string);
      if (!nestedWithin(text, MAX_BODY_DEPTH)) {
        throw new ValidationError('The request body is nested too deeply', [{ field: '(body)', message: `must not nest more than ${MAX_BODY_DEPTH} levels` }]);
      }
      return parser.before?.(request as middy.Request<APIGatewayProxyEvent, unknown>);
    },
  };
}
