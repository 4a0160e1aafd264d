import { hashPassword } from '@platform/libs/auth';
import { created, route } from '@platform/libs/http';
import { users } from '@platform/libs/identity';
import * as routes from '../routes.generated';
import { newSession, tokenReply } from '../session';

/** POST /auth/register: a new `user`, signed in. Duplicate email (any case) is 409 EMAIL_TAKEN. */
export const handler = route(routes.register, async ({ body }) => {
  const passwordHash = await hashPassword(body.password);
  let refreshToken = '';
  const user = await users.create({ email: body.email.toLowerCase(), name: body.name, roles: ['user'], passwordHash }, (u) => {
    const session = newSession(u.id);
    refreshToken = session.refreshToken;
    return session.items;
  });
  return created(await tokenReply(user, refreshToken));
});
