import { Conflict } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { toPublicUser, users } from '@platform/libs/identity';
import { withUserRole } from '../roles';
import * as routes from '../routes.generated';

/**
 * PUT /users/{userId}/roles (admin): replaces the set (`user` always kept). Roles travel in access
 * tokens, so the change applies from the user's next refresh or login. An admin cannot drop their
 * own admin role (no accidental lock-out).
 */
export const handler = route(routes.replaceRoles, async ({ body, params, principal }) => {
  const roles = withUserRole(body.roles);
  if (params.userId === principal.userId && !roles.includes('admin')) {
    throw new Conflict('You cannot remove your own admin role; ask another admin', 'CANNOT_DEMOTE_SELF');
  }
  const user = await users.require(params.userId);
  return toPublicUser(await users.setRoles(user, roles));
});
