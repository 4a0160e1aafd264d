import { hashPassword, passwordSchema } from '@platform/libs/auth';
import { created, route, schemas } from '@platform/libs/http';
import { users } from '@platform/libs/identity';
import { newSession, tokenReply } from '../session';

interface Body {
  email: string;
  password: string;
  name: string;
}

const body = schemas.object({ email: schemas.email, password: passwordSchema, name: schemas.name }, ['email', 'password', 'name']);

/** POST /auth/register: a new `user`, signed in. Duplicate email (any case) is 409 EMAIL_TAKEN. */
export const handler = route<Body>({ auth: false, body }, async ({ body }) => {
  const passwordHash = await hashPassword(body.password);
  let refreshToken = '';
  const user = await users.create({ email: body.email.toLowerCase(), name: body.name, roles: ['user'], passwordHash }, (u) => {
    const session = newSession(u.id);
    refreshToken = session.refreshToken;
    return session.items;
  });
  return created(await tokenReply(user, refreshToken));
});
