// What handlers need about the caller. Token verification (jose) lives apart, in
// libs/src/auth/verify.ts, imported only by the authorizer (libs/src/authorizer): no other bundle carries it.
export { authorizerContext, principalFromRequest, type AuthorizerContext } from './context';
export { ROLES, STAFF_ROLES, isRole, hasRole, isStaff, requireRole, ownedBy, rolesFromGroups, actorOf, type Role, type Principal, type Actor } from './roles';
export { hashPassword, verifyPassword, decoyHash, passwordSchema } from './passwords';
