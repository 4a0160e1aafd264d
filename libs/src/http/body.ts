/**
 * JSON bodies, in the Middy stack after authentication: absent stays absent (undefined); at most
 * 64 KiB (413, checked here: the parser has no limit); then @middy/http-json-body-parser: a JSON
 * content type (its 415) and parseable JSON (its 422, which the error responder turns into the
 * SPEC's 400 INVALID_JSON, see error-response.ts). The parsed value replaces event.body.
 */
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { AppError } from '../errors';

export const MAX_BODY_BYTES = 64 * 1024;

const bodyBytes = (body: string, isBase64: boolean): number => (isBase64 ? Buffer.from(body, 'base64').length : Buffer.byteLength(body, 'utf8'));

/** The body middleware: size first (413), then the Middy JSON parser (415, then malformed JSON). */
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
      return parser.before?.(request as middy.Request<APIGatewayProxyEvent, unknown>);
    },
  };
}
