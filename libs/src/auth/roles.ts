import { Forbidden, NotFound } from '../errors';

export const ROLES = ['user', 'loan_officer', 'accountant', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ['loan_officer', 'accountant', 'admin'];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export interface Principal {
  userId: string;
  roles: Role[];
  source: 'platform' | 'cognito';
  email?: string;
}

/** Who did something, as the audit trail keeps it: the user and the roles they held then. */
export interface Actor {
  userId: string;
  roles: string[];
}

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, roles: [...p.roles] });

export const hasRole = (p: Principal, ...roles: readonly Role[]): boolean => roles.some((r) => p.roles.includes(r));

export const isStaff = (p: Principal): boolean => hasRole(p, ...STAFF_ROLES);

/** 403 unless the principal holds one of the roles. */
export function requireRole(p: Principal, ...roles: readonly Role[]): void {
  if (!hasRole(p, ...roles)) throw new Forbidden(`This needs one of the roles: ${roles.join(', ')}`);
}

/**
 * Ownership: another user's private thing answers 404 (never 403), so existence does not leak.
 * Returns the item when the principal owns it.
 */
export function ownedBy<T extends { ownerId?: string; userId?: string }>(item: T | undefined, p: Principal, what: string): T {
  const owner = item?.ownerId ?? item?.userId;
  if (!item || owner !== p.userId) throw new NotFound(what);
  return item;
}

/** Cognito groups -> platform roles; every authenticated person is a `user`. */
export function rolesFromGroups(groups: unknown): Role[] {
  const list = Array.isArray(groups) ? groups : [];
  return ['user', ...ROLES.filter((r) => r !== 'user' && list.includes(r))];
}
