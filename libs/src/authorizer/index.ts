/**
 * The platform's one Lambda authorizer (a TOKEN authorizer). Every service declares it as its
 * function `authorizer` (config/service.ts); API Gateway runs it before any authenticated route,
 * and serverless-offline does the same on the local stage. It verifies the bearer token of either
 * issuer (the platform's own, a Cognito user pool: libs/src/auth/verify.ts), links a Cognito user
 * to a platform user on first sight, and hands the caller to the handlers in the request context
 * (libs/src/auth/context.ts). Roles are checked by each route (403), not here: one answer per
 * token serves every route, so API Gateway caches it by token (resultTtlInSeconds: 300), and so
 * does this container, never past the token's expiry.
 *
 * A refused token is `Unauthorized`: API Gateway answers 401 with its UNAUTHORIZED gateway
 * response (config/gateway-responses.js); the local gateway writes the same reply. Anything else
 * that goes wrong (the identity table is unreachable) is an authorizer failure, a 503.
 */
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { authorizerContext } from '../auth/context';
import type { Principal } from '../auth/roles';
import { authenticate } from '../auth/verify';
import { AppError } from '../errors';
import { rootLogger } from '../http/logger';

/** At most this long: API Gateway's cache and this container's. */
export const AUTHORIZER_TTL_SECONDS = 300;
const MAX_CACHED = 5_000;
/**
 * The authorizer's own bound, under its function timeout (10 s): a dependency that is down or
 * stalled (the identity table for a Cognito user's first-sight link, a JWKS endpoint) is an
 * authorizer failure after at most this long, so API Gateway answers its AUTHORIZER_FAILURE 503
 * within 5 s instead of waiting out the function. (serverless-offline, too, is spared a timed-out
 * authorizer: it terminates the timed-out worker and keeps routing requests to it.)
 */
export const AUTHORIZER_BUDGET_MS = 4_500;

interface Cached {
  principal: Principal;
  until: number;
}
const cache = new Map<string, Cached>();

/** Every method and path of the API the request came to: the answer is cached by token for all routes. */
function wholeApi(methodArn: string): string {
  // arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path...>
  const [prefix, stage] = methodArn.split('/');
  return `${prefix}/${stage}/*`;
}

function allow(principal: Principal, methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId: principal.userId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: wholeApi(methodArn) }] },
    context: authorizerContext(principal),
  };
}

/** When the token expires (seconds since the epoch), read without verifying: only bounds the cache. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : 0;
  } catch {
    return 0;
  }
}

function remember(token: string, principal: Principal): void {
  const until = Math.min(Date.now() + AUTHORIZER_TTL_SECONDS * 1000, expiryOf(token) * 1000);
  if (until <= Date.now()) return;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(token, { principal, until });
}

class AuthorizerTimeout extends Error {
  override name = 'AuthorizerTimeout';
  constructor() {
    super(`no answer from a dependency within ${AUTHORIZER_BUDGET_MS} ms`);
  }
}

export async function authorizer(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const header = event.authorizationToken ?? '';
  const hit = cache.get(header);
  if (hit && hit.until > Date.now()) return allow(hit.principal, event.methodArn);
  let principal: Principal;
  let timer: NodeJS.Timeout | undefined;
  try {
    const outOfTime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AuthorizerTimeout()), AUTHORIZER_BUDGET_MS);
    });
    principal = await Promise.race([authenticate(header), outOfTime]);
  } catch (error) {
    if (error instanceof AppError && error.status === 401) {
      rootLogger.log('info', 'token refused', { reason: error.message });
      // The one message API Gateway maps to 401 (the UNAUTHORIZED gateway response).
      throw new Error('Unauthorized');
    }
    rootLogger.log('error', 'authorizer failure', { errorName: (error as Error).name, errorMessage: (error as Error).message });
    throw error;
  } finally {
    clearTimeout(timer);
  }
  remember(header, principal);
  return allow(principal, event.methodArn);
}
