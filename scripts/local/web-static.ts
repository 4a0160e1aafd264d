import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WEB_APPS, webPath } from '../../config/routing';
import { extname, join, normalize, sep } from 'node:path';
import { GIFT_TRACKER_CONFIG_PATH, giftTrackerConfig } from './gift-tracker-config';

/**
 * The web apps as `npm start` serves them, from the Vite build in web/dist (built by
 * scripts/web/build.ts before the platform starts): `/` the landing page, `/skycap/` (and
 * `/gift-tracker/` once it is built) with deep links answered by the app's index.html, and the
 * hashed bundles under `/assets/`. The caching matches what `npm run deploy:web` sets on the
 * bucket: hashed assets immutable, HTML never cached.
 */
// The same routing table and deep-link rule as the stage's CloudFront distribution (config/routing.js).
export { WEB_APPS } from '../../config/routing';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** What a file under web/dist is served with (also the deploy's Cache-Control rule). */
export function cacheControlFor(relativePath: string): string {
  return relativePath.startsWith('assets/') ? IMMUTABLE : NO_CACHE;
}

export function contentTypeFor(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const NOT_BUILT = (what: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${what} is not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${what} is not built</h1><p>Build the web apps with <code>npm run build:web</code> (<code>npm start</code> does it when they are missing or stale), then reload.</p>
<p><a href="/">Home</a> · <a href="/docs/">API reference</a></p></body></html>
`;

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer | string, headers: Record<string, string>): true {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

function fileIn(dist: string, relative: string): string | undefined {
  const full = normalize(join(dist, relative));
  if (!full.startsWith(dist + sep)) return undefined; // ../ out of the build: not ours
  try {
    return statSync(full).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Answers `req` when it is for the landing page, an app or an asset; false otherwise (the gateway
 * then answers its 404). `root` is the repository; `headers` go on every answer (the gateway's mark).
 */
export function serveWebApps(req: IncomingMessage, res: ServerResponse, root: string, headers: Record<string, string> = {}): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const dist = join(root, 'web', 'dist');
  let path: string;
  try {
    path = decodeURIComponent((req.url ?? '/').split('?')[0]);
  } catch {
    return false;
  }
  if (path === '/' || path === '/index.html') {
    const landing = fileIn(dist, 'index.html');
    if (!landing) return send(req, res, 200, TYPES['.html'], NOT_BUILT('The landing page'), { ...headers, 'Cache-Control': NO_CACHE });
    return send(req, res, 200, TYPES['.html'], readFileSync(landing), { ...headers, 'Cache-Control': NO_CACHE });
  }
  if (path.startsWith('/assets/')) {
    const file = fileIn(dist, path.slice(1));
    return file ? send(req, res, 200, contentTypeFor(file), readFileSync(file), { ...headers, 'Cache-Control': IMMUTABLE }) : false;
  }
  const app = WEB_APPS.find((name) => path === `/${name}` || path.startsWith(`/${name}/`));
  if (!app) return false;
  if (path === `/${app}`) {
    res.writeHead(301, { ...headers, Location: `/${app}/`, 'Content-Length': 0 });
    res.end();
    return true;
  }
  // The Cognito pool the Gift Tracker signs in with, from the platform's environment (gift-tracker-config.ts).
  if (path === GIFT_TRACKER_CONFIG_PATH)
    return send(req, res, 200, TYPES['.json'], JSON.stringify(giftTrackerConfig()), { ...headers, 'Cache-Control': NO_CACHE });
  const relative = path.slice(1);
  const file = fileIn(dist, relative);
  if (file) return send(req, res, 200, contentTypeFor(file), readFileSync(file), { ...headers, 'Cache-Control': cacheControlFor(relative) });
  // A deep link (/skycap/loans/01J...): the app's page, whose router reads the path; a missing file
  // (it has an extension) is a 404, never the app's page. The rule CloudFront's function runs too.
  const page = webPath(path, WEB_APPS);
  if (page === path) return false;
  const index = join(dist, page.slice(1));
  if (!existsSync(index))
    return send(req, res, 404, TYPES['.html'], NOT_BUILT(app === 'skycap' ? 'Skycap Loans' : 'The Gift Tracker app'), {
      ...headers,
      'Cache-Control': NO_CACHE,
    });
  return send(req, res, 200, TYPES['.html'], readFileSync(index), { ...headers, 'Cache-Control': NO_CACHE });
}
