// The platform's one CORS policy. Three places answer browsers and all read it from here:
//   - the functions' own replies: libs/src/http/route.ts (Middy http-cors);
//   - API Gateway's own answers (no function ran): config/gateway-responses.js;
//   - the local stand-in for API Gateway on port 3000: scripts/local/gateway.ts.
// CommonJS on purpose: config/gateway-responses.js is loaded by plain Node inside the Serverless
// Framework (not through esbuild), and TypeScript reads it through cors-policy.d.ts.
'use strict';

const ALLOW_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'x-request-id'];
const EXPOSE_HEADERS = ['x-request-id', 'retry-after'];
const ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const MAX_AGE_SECONDS = 600;

/** The policy as header values, written once. Credentials are never allowed (bearer tokens, no cookies). */
const CORS = Object.freeze({
  allowHeaders: ALLOW_HEADERS.join(', '),
  exposeHeaders: EXPOSE_HEADERS.join(', '),
  allowMethods: ALLOW_METHODS.join(','),
  maxAgeSeconds: MAX_AGE_SECONDS,
});

/**
 * The origin rule: a reply grants the request's own Origin when it is one of the stage's origins
 * (exact match, as browsers send it), and grants nothing otherwise; never `*`.
 * @param {string | undefined | null} origin the request's Origin header
 * @param {readonly string[]} allowed the stage's origins (config/stages.yml `corsOrigins`)
 * @returns {string | undefined} the Access-Control-Allow-Origin value, if any
 */
function allowedOrigin(origin, allowed) {
  return typeof origin === 'string' && allowed.includes(origin) ? origin : undefined;
}

module.exports = { CORS, allowedOrigin };
