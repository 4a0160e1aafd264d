import { hashPassword } from '@platform/libs/auth';
import { created, route } from '@platform/libs/http';
import { toPublicUser, users } from '@platform/libs/identity';
import { withUserRole } from '../roles';
import * as routes from '../routes.generated';

/** POST /users (admin): a staff account that signs in with its temporaryPassword. */
export const handler = route(routes.createStaff, async ({ body }) => {
  const user = await users.create({
    email: body.email.toLowerCase(),
    name: body.name,
    roles: withUserRole(body.roles),
    passwordHash: await hashPassword(body.temporaryPassword),
  });
  return created(toPublicUser(user));
});
