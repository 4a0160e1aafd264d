import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { contentTypeFor } from './web-static';

/**
 * What the local gateway serves besides the API: the OpenAPI document (`GET /openapi.json`, the
 * committed docs/openapi.json, read at each request so `npm run contract` shows at once) and its
 * rendered reference (`GET /docs/`: Swagger UI from the swagger-ui-dist package). Everything the
 * page loads comes from this origin: no CDN, no web fonts, and Swagger UI's online validator badge
 * is off (validatorUrl: null), so the reference works with no network at all.
 */
export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs/';

/** The swagger-ui-dist files the page uses (and the bundle's source map, for a browser's devtools). */
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-bundle.js.map', 'favicon-16x16.png', 'favicon-32x32.png']);

const swaggerUiDir = (): string => dirname(require.resolve('swagger-ui-dist/package.json'));

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Gift Tracker + Skycap Loans API reference</title>
  <link rel="icon" type="image/png" href="favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="favicon-16x16.png" sizes="16x16">
  <link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: '${OPENAPI_PATH}',
      dom_id: '#swagger-ui',
      deepLinking: true,
      validatorUrl: null,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      persistAuthorization: true,
    });
  </script>
</body>
</html>
`;

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache', ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Answers `req` when it asks for the document or the reference; false when it is not one of
 * theirs (the gateway then routes it to a service). `root` is the repository whose
 * docs/openapi.json is served; `cors` are the CORS headers the gateway grants the request's origin.
 */
export async function serveApiReference(req: IncomingMessage, res: ServerResponse, root: string, cors: Record<string, string>): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '/').split('?')[0];
  if (path === OPENAPI_PATH) {
    try {
      send(req, res, 200, 'application/json', await readFile(join(root, 'docs', 'openapi.json')), cors);
    } catch {
      send(req, res, 404, 'text/plain; charset=utf-8', 'docs/openapi.json is missing: run npm run contract\n');
    }
    return true;
  }
  if (path === '/docs') {
    res.writeHead(301, { Location: DOCS_PATH, 'Content-Length': 0 });
    res.end();
    return true;
  }
  if (!path.startsWith(DOCS_PATH)) return false;
  const name = path.slice(DOCS_PATH.length);
  if (name === '' || name === 'index.html') {
    send(req, res, 200, 'text/html; charset=utf-8', DOCS_HTML);
    return true;
  }
  if (!ASSETS.has(name)) return false; // not a file of the reference: the gateway's 404
  send(req, res, 200, contentTypeFor(name), await readFile(join(swaggerUiDir(), name)), { 'Cache-Control': 'public, max-age=3600' });
  return true;
}
