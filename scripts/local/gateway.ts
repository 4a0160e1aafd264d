import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { randomUUID } from 'node:crypto';
import type { WriteStream } from 'node:fs';
import { gatewayReply } from '../../config/gateway-responses';
import { allowedOrigin, CORS } from '../../libs/src/http/cors-policy';
import { serveApiReference } from './api-reference';
import { serveWebApps } from './web-static';
import { listen } from './listen';

/**
 * The local stand-in for API Gateway: one origin, routing by the first path segment to that
 * service's serverless-offline. Only what API Gateway itself answers is answered here (unknown
 * routes and their preflights, a dead integration); every other response is the service's own.
 * Besides the API it serves the OpenAPI document and its rendered reference (/openapi.json and
 * /docs/, api-reference.ts) when given `reference`.
 */
export interface GatewayOptions {
  port: number;
  /** first path segment -> serverless-offline httpPort, for the services that are running */
  routes: Map<string, number>;
  corsOrigins: string[];
  /** one JSON line per request (gateway.log beside the service logs) */
  accessLog?: WriteStream;
  /** serve /openapi.json (root's docs/openapi.json) and the reference at /docs/ */
  reference?: { root: string };
}

/** The platform's CORS policy (libs/src/http/cors-policy.js), under the names service-runner.ts reads. */
export const CORS_ALLOW_HEADERS = CORS.allowHeaders;
export const CORS_EXPOSE_HEADERS = CORS.exposeHeaders;
const RETRY_AFTER_SECONDS = '5';
/** On the gateway's own answers, so `npm start` can tell "our platform is on 3000" from "something else is". */
export const GATEWAY_MARK_HEADER = 'x-local-platform-pid';
const GATEWAY_MARK = { [GATEWAY_MARK_HEADER]: String(process.pid) };
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'];
const OFFLINE_NOT_FOUND = 'Serverless-offline: route not found.';
const OFFLINE_AUTH_OVERRIDE = 'sls-offline-authorizer-override';
/** The functions' body limit; a larger body is refused here, before a service reads it. */
const MAX_BODY_BYTES = 64 * 1024;

function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  const granted = allowedOrigin(origin, allowed);
  if (!granted) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': granted, Vary: 'Origin', 'Access-Control-Expose-Headers': CORS.exposeHeaders };
}

function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  corsOrigins: string[],
  extra: Record<string, string> = {},
): void {
  const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
  const body = JSON.stringify({ error: { code, message }, requestId });
  res.writeHead(status, {
    ...GATEWAY_MARK,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-request-id': requestId,
    ...corsHeaders(req.headers.origin, corsOrigins),
    ...extra,
  });
  res.end(body);
}

/**
 * serverless-offline adds `Access-Control-Allow-Origin: <whatever Origin was sent>` and
 * `Access-Control-Allow-Credentials: true` to every response of a request with an Origin header,
 * whatever the handler set. API Gateway never does: drop them for origins the stage does not allow.
 * Credentials: the platform uses bearer tokens, never cookies.
 */
function sanitizeResponseHeaders(headers: IncomingHttpHeaders, origin: string | undefined, corsOrigins: string[]): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete out[name];
  delete out['access-control-allow-credentials'];
  if (origin && !allowedOrigin(origin, corsOrigins)) delete out['access-control-allow-origin'];
  return out;
}

/**
 * The client's headers as sent (names keep their case, as API Gateway passes them to Lambda: a
 * handler reading `authorization` must cope with `Authorization`), plus the x-forwarded-* trio.
 */
function forwardedHeaders(req: IncomingMessage): string[] {
  const out: string[] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    // accept-encoding: the services answer uncompressed, so the gateway can read an error reply it rewrites.
    // sls-offline-authorizer-override: serverless-offline would take the caller's identity from it,
    // bypassing the authorizer; API Gateway knows no such thing.
    if (HOP_BY_HOP.includes(name) || name.startsWith('x-forwarded-') || name === 'accept-encoding' || name === OFFLINE_AUTH_OVERRIDE) continue;
    out.push(raw[i], raw[i + 1]);
  }
  const client = req.socket.remoteAddress ?? '';
  const previous = req.headers['x-forwarded-for'];
  out.push('X-Forwarded-For', previous ? `${previous}, ${client}` : client);
  out.push('X-Forwarded-Host', String(req.headers['x-forwarded-host'] ?? req.headers.host ?? ''));
  out.push('X-Forwarded-Proto', 'http');
  return out;
}

function proxy(req: IncomingMessage, res: ServerResponse, port: number, agent: Agent, opts: GatewayOptions): void {
  const upstream = httpRequest({
    host: '127.0.0.1',
    port,
    method: req.method,
    path: req.url,
    headers: forwardedHeaders(req) as unknown as OutgoingHttpHeaders,
    agent,
  });
  upstream.on('response', (answer) => {
    const headers = sanitizeResponseHeaders(answer.headers, req.headers.origin, opts.corsOrigins);
    let status = answer.statusCode ?? 502;
    if (status >= 400) {
      // A function's own errors are in the platform's shape already; serverless-offline's (no such
      // route, its body limit, a Lambda timeout, a crash) are not: rewrite those, as API Gateway's
      // gateway responses do on AWS. Error replies are small, so reading them whole costs nothing.
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        if (inErrorShape(body)) {
          res.writeHead(status, headers);
          return void res.end(body);
        }
        const authorizerReply = status === 401 ? gatewayReply('UNAUTHORIZED') : status === 403 ? gatewayReply('ACCESS_DENIED') : undefined;
        if (authorizerReply) {
          // The authorizer refused the token (serverless-offline's own 401/403): API Gateway's gateway response.
          const { status: code, code: errorCode, message, headers: extra } = authorizerReply;
          return sendError(req, res, code, errorCode, message, opts.corsOrigins, extra);
        }
        const [code, message, extra] = offlineError(status, body.toString('utf8'), req);
        sendError(req, res, code === 'SERVICE_UNAVAILABLE' ? 503 : status, code, message, opts.corsOrigins, extra);
      });
      return;
    }
    // serverless-offline turns every answer to an OPTIONS request with an Origin into a 200
    // (its hapi hook), so a handler's empty 204 preflight reply arrives as an empty 200.
    if (isPreflight(req) && status === 200 && headers['content-length'] === '0') status = 204;
    if (status === 204) delete headers['content-length'];
    res.writeHead(status, headers);
    answer.pipe(res);
  });
  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (res.headersSent) return void res.destroy(err);
    sendError(req, res, 503, 'SERVICE_UNAVAILABLE', `The ${pathOf(req).split('/')[1]} service is not answering`, opts.corsOrigins, {
      'Retry-After': RETRY_AFTER_SECONDS,
    });
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy(); // the client went away: stop the upstream too
  });
  req.pipe(upstream);
}

/** Whether an error reply is already {error: {code, message}, requestId}. */
function inErrorShape(body: Buffer): boolean {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown }; requestId?: unknown };
    return typeof parsed?.error?.code === 'string' && typeof parsed.requestId === 'string';
  } catch {
    return false;
  }
}

/** What serverless-offline's own error reply means, in the platform's words. */
function offlineError(status: number, text: string, req: IncomingMessage): [code: string, message: string, extra: Record<string, string>] {
  if (status === 404 && text.includes(OFFLINE_NOT_FOUND)) return ['NOT_FOUND', `No route for ${req.method} ${pathOf(req)}`, {}];
  if (status === 413) return ['PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, {}];
  if (status >= 500) return ['SERVICE_UNAVAILABLE', 'The service did not answer in time; try again shortly', { 'Retry-After': RETRY_AFTER_SECONDS }];
  return [status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', 'The request could not be handled as sent', {}];
}

/** A path that is not valid percent-encoded UTF-8 (or holds raw non-ASCII bytes) names no route: API Gateway refuses it too. */
function badPath(req: IncomingMessage): boolean {
  const path = pathOf(req);
  if (/[^\x21-\x7e]/.test(path)) return true;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

const isPreflight = (req: IncomingMessage): boolean => req.method === 'OPTIONS' && !!req.headers.origin && !!req.headers['access-control-request-method'];

const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0];

export interface GatewayHandle {
  close(): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<GatewayHandle> {
  // Connection reuse toward the services: a new TCP connection per request would cost more than
  // the budget allows ("serial p50 within raw + 5 ms"). serverless-offline closes sockets idle for
  // 5 s; a request sent on one it is closing fails (ECONNRESET, a spurious 503). `timeout` makes the
  // agent drop its idle sockets after 4 s, before the server does.
  const agent = new Agent({ keepAlive: true, maxSockets: 128, timeout: 4_000 });
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const segment = pathOf(req).split('/')[1] ?? '';
    const port = opts.routes.get(segment);
    res.on('finish', () => {
      opts.accessLog?.write(
        `${JSON.stringify({
          time: new Date().toISOString(),
          source: 'gateway',
          requestId: res.getHeader('x-request-id') ?? req.headers['x-request-id'],
          method: req.method,
          path: pathOf(req),
          service: port ? segment : null,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        })}\n`,
      );
    });
    if (badPath(req)) return sendError(req, res, 400, 'BAD_REQUEST', 'The path is not valid percent-encoded UTF-8', opts.corsOrigins);
    if (port && Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      // Answered before reading the body; the connection is closed, so a client still sending it stops.
      res.setHeader('Connection', 'close');
      return sendError(req, res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, opts.corsOrigins);
    }
    if (!port && isPreflight(req)) {
      // A preflight for a route nobody serves: API Gateway answers it from the stage's CORS
      // configuration. Preflights for a service's routes go to the service, like any request.
      const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
      const allowed = corsHeaders(req.headers.origin, opts.corsOrigins);
      const preflight = allowed['Access-Control-Allow-Origin']
        ? {
            ...allowed,
            'Access-Control-Allow-Methods': CORS.allowMethods,
            'Access-Control-Allow-Headers': CORS.allowHeaders,
            'Access-Control-Max-Age': String(CORS.maxAgeSeconds),
          }
        : allowed;
      res.writeHead(204, { ...GATEWAY_MARK, ...preflight, 'x-request-id': requestId });
      return void res.end();
    }
    // The landing page, the web apps and their assets (web-static.ts), from the same origin as the API.
    if (!port && opts.reference && serveWebApps(req, res, opts.reference.root, GATEWAY_MARK)) return;
    if (!port && opts.reference) {
      // /openapi.json and /docs/ (no service has those first segments), else the 404 below.
      serveApiReference(req, res, opts.reference.root, corsHeaders(req.headers.origin, opts.corsOrigins)).then(
        (served) => {
          if (!served) sendError(req, res, 404, 'NOT_FOUND', `No route for ${req.method} ${pathOf(req)}`, opts.corsOrigins);
        },
        (err: Error) => sendError(req, res, 500, 'INTERNAL_ERROR', `The API reference could not be read: ${err.message}`, opts.corsOrigins),
      );
      return;
    }
    if (!port) return sendError(req, res, 404, 'NOT_FOUND', `No route for ${req.method} ${pathOf(req)}`, opts.corsOrigins);
    proxy(req, res, port, agent, opts);
  });
  server.keepAliveTimeout = 65_000;
  return listen(server, opts.port, () => {
    agent.destroy();
    opts.accessLog?.end();
  });
}
