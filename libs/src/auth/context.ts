/**
 * What the authorizer tells every handler about the caller. API Gateway (and serverless-offline)
 * put the authorizer's `context` into `event.requestContext.authorizer`; its values must be
 * strings, numbers or booleans, so the roles travel as one comma-separated string.
 *
 *   authorizer:  return { principalId, policyDocument, context: authorizerContext(principal) }
 *   handler:     principalFromRequest(event.requestContext)  -> the Principal, or undefined
 */
import { isRole, type Principal, type Role } from './roles';

export interface AuthorizerContext {
  [key: string]: string;
  userId: string;
  /** comma-separated: 'user,loan_officer' */
  roles: string;
  source: Principal['source'];
}

export function authorizerContext(p: Principal): AuthorizerContext {
  return { userId: p.userId, roles: p.roles.join(','), source: p.source, ...(p.email ? { email: p.email } : {}) };
}

/** The caller as the authorizer described them; undefined when no authorizer ran (a public route). */
export function principalFromRequest(requestContext: { authorizer?: unknown } | undefined): Principal | undefined {
  const context = requestContext?.authorizer as Record<string, unknown> | null | undefined;
  if (!context || typeof context.userId !== 'string' || context.userId === '') return undefined;
  const roles = typeof context.roles === 'string' ? (context.roles.split(',').filter(isRole) as Role[]) : [];
  return {
    userId: context.userId,
    roles: roles.includes('user') ? roles : ['user', ...roles],
    source: context.source === 'cognito' ? 'cognito' : 'platform',
    ...(typeof context.email === 'string' && context.email ? { email: context.email } : {}),
  };
}
