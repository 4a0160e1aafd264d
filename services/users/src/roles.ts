import { ROLES, type Role } from '@platform/libs/auth';

/** `user` is always kept; the set comes back in a stable order. */
export function withUserRole(roles: readonly Role[]): Role[] {
  const set = new Set<Role>(['user', ...roles]);
  return ROLES.filter((r) => set.has(r));
}
