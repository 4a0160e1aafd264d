/** What register, login and refresh answer: the user, a fresh access token and a refresh token. */
import { newId } from '@platform/libs/ids';
import type { TransactItem } from '@platform/libs/db';
import { newRefreshToken, sessions, toPublicUser, type UserRecord } from '@platform/libs/identity';
import { ACCESS_TOKEN_SECONDS, signAccessToken } from './tokens';

export async function tokenReply(user: UserRecord, refreshToken: string) {
  return {
    user: toPublicUser(user),
    accessToken: await signAccessToken(user),
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_SECONDS,
  };
}

/** A new refresh family for a login: its token, and the items that store it (for a transaction). */
export function newSession(userId: string): { refreshToken: string; items: TransactItem[] } {
  const refreshToken = newRefreshToken();
  return { refreshToken, items: sessions.startFamily(userId, newId(), refreshToken) };
}
