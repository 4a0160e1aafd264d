import { hasRole } from '@platform/libs/auth';
import { NotFound } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { toPublicUser, users } from '@platform/libs/identity';
import * as routes from '../routes.generated';

/** GET /users/{userId}: admin, or the user themself; anyone else gets 404 (existence does not leak). */
export const handler = route(routes.getUser, async ({ params, principal }) => {
  if (params.userId !== principal.userId && !hasRole(principal, 'admin')) throw new NotFound('User');
  return toPublicUser(await users.require(params.userId));
});
