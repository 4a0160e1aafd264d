import { Unauthorized } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { newRefreshToken, sessions, users } from '@platform/libs/identity';
import * as routes from '../routes.generated';
import { tokenReply } from '../session';

const invalid = () => new Unauthorized('The refresh token is not valid', 'INVALID_REFRESH_TOKEN');
const reused = () => new Unauthorized('This refresh token was already used; the session has been ended', 'REFRESH_TOKEN_REUSED');

/**
 * POST /auth/refresh: rotates the refresh token. Presenting a token that was already rotated
 * means it leaked (or the client misbehaves): the whole family is revoked.
 */
export const handler = route(routes.refresh, async ({ body, logger }) => {
  const old = await sessions.token(body.refreshToken);
  if (!old) throw invalid();
  if (old.usedAt) {
    await sessions.revokeFamily(old.familyId);
    logger.log('warn', 'refresh token reuse: family revoked', { familyId: old.familyId, userId: old.userId });
    throw reused();
  }
  const [family, user] = await Promise.all([sessions.family(old.familyId), users.get(old.userId)]);
  const voided = !family || family.revokedAt !== undefined || !user || user.disabled || family.createdAt < (user.sessionsValidAfter ?? 0);
  if (voided) throw invalid();

  const next = newRefreshToken();
  const outcome = await sessions.rotate(old, next);
  if (outcome === 'reused') {
    await sessions.revokeFamily(old.familyId);
    throw reused();
  }
  if (outcome === 'revoked') throw invalid();
  return tokenReply(user, next);
});
