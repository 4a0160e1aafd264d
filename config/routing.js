// The one routing table of a stage's single origin, read by both sides that serve it:
// - the local gateway (scripts/local/gateway.ts, services.ts, web-static.ts) on http://localhost:3000;
// - the CloudFront distribution of services/edge (config/edge.js) on AWS.
// A request's first path segment names an API service; anything else is the web bucket (the
// landing page and the web apps, whose deep links are answered by their index.html).
// CommonJS, like config/gateway-responses.js: the Serverless Framework loads it with plain Node.

/** The API services, in a fixed order: locally, the position decides a service's ports (append only). */
const API_SERVICES = ['auth', 'users', 'contacts', 'events', 'gifts', 'images', 'loans', 'repayments'];

/** The web apps under /<app>/ (web/). */
const WEB_APPS = ['skycap', 'gift-tracker'];

/**
 * The path the web bucket is asked for: a deep link into an app (a path under /<app>/ whose last
 * segment has no file extension, e.g. /skycap/loans/01J...) is that app's index.html; `/` and
 * `/<app>` are their index.html; everything else as asked. Never by turning the bucket's 403/404
 * into 200 (that would swallow the API's own 404s on the same distribution).
 * Written for CloudFront Functions (runtime cloudfront-js-2.0, ES2020-ish, no imports): config/edge.js puts this very function's
 * source into the distribution's viewer-request function, and the local gateway calls it.
 */
function webPath(uri, apps) {
  if (uri === '/' || uri === '') return '/index.html';
  for (const app of apps) {
    const base = `/${app}`;
    if (uri === base || uri === `${base}/`) return `${base}/index.html`;
    if (uri.startsWith(`${base}/`)) {
      const last = uri.substring(uri.lastIndexOf('/') + 1);
      return last.includes('.') ? uri : `${base}/index.html`;
    }
  }
  return uri;
}

/** The CloudFront Function (viewer-request) of the web bucket's behaviour. */
const deepLinkFunctionCode = `${webPath.toString()}
function handler(event) {
  const request = event.request;
  request.uri = webPath(request.uri, ${JSON.stringify(WEB_APPS)});
  return request;
}
`;

/**
 * The CloudFront Function (viewer-response) of the API behaviours: a reply API Gateway wrote
 * itself (a gateway response: 401, 404, 429...) carries its request id as x-amzn-RequestId and,
 * unless the caller sent one, no x-request-id: copy it, so every reply has one.
 */
const requestIdFunctionCode = `function handler(event) {
  const headers = event.response.headers;
  if (!headers['x-request-id'] && headers['x-amzn-requestid']) headers['x-request-id'] = { value: headers['x-amzn-requestid'].value };
  return event.response;
}
`;

module.exports = { API_SERVICES, WEB_APPS, webPath, deepLinkFunctionCode, requestIdFunctionCode };
