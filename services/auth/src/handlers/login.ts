import { decoyHash, passwordSchema, verifyPassword } from '@platform/libs/auth';
import { Unauthorized, TooManyRequests } from '@platform/libs/errors';
import { route, schemas } from '@platform/libs/http';
import { sessions, users } from '@platform/libs/identity';
import { retryAfterSeconds, WINDOW_MS } from '../domain/throttle';
import { newSession, tokenReply } from '../session';

interface Body {
  email: string;
  password: string;
}

const body = schemas.object({ email: { type: 'string', minLength: 1, maxLength: 254 }, password: { ...passwordSchema, minLength: 1 } }, ['email', 'password']);

const invalid = () => new Unauthorized('The email or password is wrong', 'INVALID_CREDENTIALS');

/**
 * POST /auth/login. Unknown email, wrong password and a disabled account all answer the same
 * 401 after the same scrypt work; 5 failures for one email in 15 minutes lock it (429).
 */
export const handler = route<Body>({ auth: false, body }, async ({ body, logger }) => {
  const email = body.email.toLowerCase();
  const [failures, userId] = await Promise.all([sessions.loginFailures(email), users.idByEmail(email)]);
  const wait = retryAfterSeconds(failures, Date.now());
  if (wait > 0) throw new TooManyRequests(wait, 'Too many failed logins for this account; try again later', 'TOO_MANY_ATTEMPTS');

  const user = userId ? await users.get(userId) : undefined;
  const matches = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches || user.disabled) {
    await sessions.recordLoginFailure(email, failures, WINDOW_MS);
    logger.log('warn', 'login failed', { reason: !user ? 'unknown-email' : user.disabled ? 'disabled' : 'wrong-password' });
    throw invalid();
  }
  const session = newSession(user.id);
  await Promise.all([sessions.write(session.items), failures ? sessions.clearLoginFailures(email) : undefined]);
  return tokenReply(user, session.refreshToken);
});
