export { authenticate } from './verify';
export { ROLES, STAFF_ROLES, isRole, hasRole, isStaff, requireRole, ownedBy, rolesFromGroups, type Role, type Principal } from './roles';
export { hashPassword, verifyPassword, decoyHash, passwordSchema } from './passwords';
