import { Unauthorized } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { toPublicUser, users } from '@platform/libs/identity';
import * as routes from '../routes.generated';

/** GET /users/me. The user record is read here anyway, so a disabled account is refused at once. */
export const handler = route(routes.getMe, async ({ principal }) => {
  const user = await users.require(principal.userId);
  if (user.disabled) throw new Unauthorized('This account is disabled', 'ACCOUNT_DISABLED');
  return toPublicUser(user);
});
