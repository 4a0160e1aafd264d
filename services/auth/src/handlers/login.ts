import { decoyHash, verifyPassword } from '@platform/libs/auth';
import { Unauthorized, TooManyRequests } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { sessions, users } from '@platform/libs/identity';
import { MAX_FAILURES, retryAfterSeconds, WINDOW_MS } from '../domain/throttle';
import * as routes from '../routes.generated';
import { newSession, tokenReply } from '../session';

const invalid = () => new Unauthorized('The email or password is wrong', 'INVALID_CREDENTIALS');

/**
 * POST /auth/login. Unknown email, wrong password and a disabled account all answer the same
 * 401 after the same scrypt work; 5 failures for one email in 15 minutes lock it (429).
 */
export const handler = route(routes.login, async ({ body, logger }) => {
  const email = body.email.toLowerCase();
  const now = Date.now();
  // The try is taken before the password is checked, so parallel wrong passwords cannot exceed the limit.
  const [attempt, userId] = await Promise.all([sessions.takeLoginAttempt(email, MAX_FAILURES, WINDOW_MS, now), users.idByEmail(email)]);
  if (!attempt.allowed) {
    throw new TooManyRequests(retryAfterSeconds(attempt.window, now), 'Too many failed logins for this account; try again later', 'TOO_MANY_ATTEMPTS');
  }

  const user = userId ? await users.get(userId) : undefined;
  const matches = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches || user.disabled) {
    logger.log('warn', 'login failed', { reason: !user ? 'unknown-email' : user.disabled ? 'disabled' : 'wrong-password' });
    throw invalid();
  }
  const session = newSession(user.id);
  await Promise.all([sessions.write(session.items), sessions.clearLoginFailures(email)]);
  return tokenReply(user, session.refreshToken);
});
