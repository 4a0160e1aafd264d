import { Conflict } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { toPublicUser, users } from '@platform/libs/identity';
import * as routes from '../routes.generated';

/**
 * PATCH /users/{userId} {disabled} (admin). A disabled user cannot log in or refresh from now on;
 * access tokens already issued run out within their 15 minutes.
 */
export const handler = route(routes.patchUser, async ({ body, params, principal }) => {
  if (params.userId === principal.userId && body.disabled) throw new Conflict('You cannot disable your own account', 'CANNOT_DISABLE_SELF');
  return toPublicUser(await users.update(params.userId, { disabled: body.disabled }));
});
