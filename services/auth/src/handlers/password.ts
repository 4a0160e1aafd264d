import { hashPassword, verifyPassword } from '@platform/libs/auth';
import { Conflict, Unauthorized } from '@platform/libs/errors';
import { noContent, route } from '@platform/libs/http';
import { users } from '@platform/libs/identity';
import * as routes from '../routes.generated';

/**
 * POST /auth/password: needs the current password; every refresh token the user holds stops
 * working (sessions created before now are void). Access tokens run out within 15 minutes.
 */
export const handler = route(routes.changePassword, async ({ body, principal }) => {
  const user = await users.require(principal.userId);
  if (!user.passwordHash) throw new Conflict('This account signs in through Cognito and has no password here', 'NO_PASSWORD');
  if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
    throw new Unauthorized('The current password is wrong', 'INVALID_CREDENTIALS');
  }
  await users.update(user.id, { passwordHash: await hashPassword(body.newPassword), sessionsValidAfter: Date.now() });
  return noContent();
});
