export { route, preflight, stack, type RouteContext, type RouteOptions } from './route';
export { CORS, allowedOrigin } from './cors-policy';
export { ok, created, noContent, withStatus, type Reply } from './responses';
export { detailsOf, generatedValidator, normalizeText } from './validation';
export { jsonBody, MAX_BODY_BYTES } from './body';
export { toErrorResponse } from './error-response';
export { createLogger, rootLogger, type Logger } from './logger';
export { pathId } from './params';
