/**
 * The seeded admin (README, "What runs locally"): created if the email is free, otherwise given the admin
 * role if it lacks it. Used by `npm start` and `npm run ops -- seed`.
 */
import { hashPassword } from '@platform/libs/auth';
import { users } from '@platform/libs/identity';
import { withUserRole } from './roles';

export async function ensureAdmin({ email, password, name = 'Administrator' }: { email: string; password: string; name?: string }) {
  const existingId = await users.idByEmail(email);
  if (existingId) {
    const existing = await users.require(existingId);
    return existing.roles.includes('admin') ? existing : users.setRoles(existing, withUserRole([...existing.roles, 'admin']));
  }
  return users.create({ email: email.toLowerCase(), name, roles: withUserRole(['admin']), passwordHash: await hashPassword(password) });
}
