// API Gateway's own answers (no Lambda ran: unknown route, throttled, body too large, timeout) in
// the platform's error shape with CORS headers, so a browser sees `{"error": {...}, "requestId"}`
// and not "Missing Authentication Token" (docs/api.md, "Errors"). The CORS policy is the
// platform's one (libs/src/http/cors-policy.js), the same the functions and the local gateway use.
const { CORS } = require('../libs/src/http/cors-policy');

const json = (code, message) => ({
  'application/json': `{"error":{"code":"${code}","message":"${message}"},"requestId":"$context.requestId"}`,
});

// API Gateway answers an unknown path or method with MISSING_AUTHENTICATION_TOKEN (a 403): the
// platform answers 404 NOT_FOUND there, before any auth check.
const RESPONSES = [
  // The authorizer refused the token, or there was none (API Gateway does not call the authorizer then).
  { type: 'UNAUTHORIZED', status: '401', code: 'UNAUTHORIZED', message: 'Send a valid access token: Authorization: Bearer <token> (sign in or refresh it)' },
  // The authorizer never denies (roles are checked by each route, 403 FORBIDDEN in its own reply).
  { type: 'ACCESS_DENIED', status: '403', code: 'FORBIDDEN', message: 'You are not allowed to do this' },
  // The authorizer could not decide (the identity table or a key set was unreachable): try again.
  { type: 'AUTHORIZER_FAILURE', status: '503', code: 'SERVICE_UNAVAILABLE', message: 'Sign-in could not be checked just now; retry shortly', retryAfter: '1' },
  { type: 'AUTHORIZER_CONFIGURATION_ERROR', status: '500', code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
  { type: 'MISSING_AUTHENTICATION_TOKEN', status: '404', code: 'NOT_FOUND', message: 'No route matches this method and path' },
  { type: 'RESOURCE_NOT_FOUND', status: '404', code: 'NOT_FOUND', message: 'No route matches this method and path' },
  { type: 'THROTTLED', status: '429', code: 'TOO_MANY_REQUESTS', message: 'Too many requests; retry later', retryAfter: '1' },
  { type: 'REQUEST_TOO_LARGE', status: '413', code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  { type: 'UNSUPPORTED_MEDIA_TYPE', status: '415', code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json' },
  { type: 'INTEGRATION_TIMEOUT', status: '503', code: 'SERVICE_UNAVAILABLE', message: 'The service did not answer in time; retry later', retryAfter: '1' },
  { type: 'DEFAULT_4XX', code: 'BAD_REQUEST', message: 'The request was refused' },
  { type: 'DEFAULT_5XX', code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
];

/**
 * A gateway response cannot apply the origin rule (allowedOrigin: echo the request's Origin when
 * the stage allows it), as it cannot compare: with one origin it is sent as is; with several the
 * request's Origin is echoed (these bodies carry no data and no credentials are allowed, so
 * echoing reveals nothing; the functions' own replies apply the rule).
 */
function corsHeaders(origins) {
  const origin = origins.length === 1 ? `'${origins[0]}'` : 'method.request.header.origin';
  return {
    'gatewayresponse.header.Access-Control-Allow-Origin': origin,
    'gatewayresponse.header.Vary': "'Origin'",
    'gatewayresponse.header.Access-Control-Allow-Headers': `'${CORS.allowHeaders}'`,
    'gatewayresponse.header.Access-Control-Allow-Methods': `'${CORS.allowMethods}'`,
    'gatewayresponse.header.Access-Control-Expose-Headers': `'${CORS.exposeHeaders}'`,
    // The caller's own request id when it sent one; otherwise the edge copies API Gateway's
    // x-amzn-RequestId into x-request-id (services/edge, its viewer-response function).
    'gatewayresponse.header.x-request-id': 'method.request.header.x-request-id',
  };
}

const logicalId = (type) => `GatewayResponse${type.toLowerCase().replace(/(^|_)(\w)/g, (_, __, c) => c.toUpperCase())}`;

/** Resources for every response above, attached to the REST API `restApiLogicalId`. */
function gatewayResponses({ restApiLogicalId, origins }) {
  return Object.fromEntries(
    RESPONSES.map((r) => [
      logicalId(r.type),
      {
        Type: 'AWS::ApiGateway::GatewayResponse',
        Properties: {
          RestApiId: { Ref: restApiLogicalId },
          ResponseType: r.type,
          ...(r.status ? { StatusCode: r.status } : {}),
          ResponseParameters: {
            ...corsHeaders(origins),
            'gatewayresponse.header.Content-Type': "'application/json'",
            ...(r.retryAfter ? { 'gatewayresponse.header.Retry-After': `'${r.retryAfter}'` } : {}),
          },
          ResponseTemplates: json(r.code, r.message),
        },
      },
    ]),
  );
}

/** The reply of one response type, for the local gateway: the same code, message and headers. */
function gatewayReply(type) {
  const r = RESPONSES.find((x) => x.type === type);
  if (!r) throw new Error(`config/gateway-responses: no response ${type}`);
  return { status: Number(r.status), code: r.code, message: r.message, headers: r.retryAfter ? { 'Retry-After': r.retryAfter } : {} };
}

module.exports = { RESPONSES, gatewayResponses, gatewayReply };
