export { authenticate } from './verify';
export { ROLES, STAFF_ROLES, isRole, hasRole, isStaff, requireRole, ownedBy, rolesFromGroups, actorOf, type Role, type Principal, type Actor } from './roles';
export { hashPassword, verifyPassword, decoyHash, passwordSchema } from './passwords';
