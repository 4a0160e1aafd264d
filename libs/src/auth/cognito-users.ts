/**
 * A Cognito user becomes a platform user on first sight: the token's `sub` is linked to a new
 * user record (ULID id), once. The link never changes, so each container remembers it.
 */
import { Conflict } from '../errors';
import { users } from '../identity/users';
import type { Role } from './roles';

const known = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

export async function resolveCognitoUser(claims: { subject: string; email?: string; name: string; roles: Role[] }): Promise<string> {
  const cached = known.get(claims.subject);
  if (cached) return cached;
  let userId = await users.idByExternal('cognito', claims.subject);
  if (!userId) {
    try {
      // The email is not claimed for Cognito users: the pool owns it, and it may equal a platform account's.
      const user = await users.create({
        email: claims.email ?? null,
        claimEmail: false,
        name: claims.name.slice(0, 200),
        roles: claims.roles,
        external: { provider: 'cognito', subject: claims.subject },
      });
      userId = user.id;
    } catch (error) {
      // Two first requests raced: the other one linked it.
      if (!(error instanceof Conflict)) throw error;
      userId = await users.idByExternal('cognito', claims.subject);
      if (!userId) throw error;
    }
  }
  if (known.size >= MAX_REMEMBERED) known.clear();
  known.set(claims.subject, userId);
  return userId;
}
