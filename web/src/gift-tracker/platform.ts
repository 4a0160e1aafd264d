/**
 * The Gift Tracker's session and API: tokens from the Cognito user pool (cognito.ts), the ACCESS
 * token sent to the platform as a bearer token. The retry and refresh rules are the shared ones
 * (shared/session.ts, shared/api.ts): only where tokens come from differs from Skycap.
 */
import { createApi } from '../shared/api';
import { Session, type SessionTokens, type SessionUser } from '../shared/session';
import { sessionHook } from '../shared/use-session';
import { claimsOf, refresh, revoke, type Tokens, userAttributes } from './cognito';

export const session = new Session({
  storageKey: 'gift-tracker.session',
  async refresh(refreshToken) {
    const tokens = await refresh(refreshToken);
    // The pool does not rotate refresh tokens: the same one stays valid until revoked or expired.
    return tokens ? { accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken ?? refreshToken } : null;
  },
  logout: revoke,
});

export const api = createApi(session);
export const useSession = sessionHook(session);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** Signs in with the pool's tokens; who the person is comes from the ID token (or, without a name in it, the pool's GetUser). */
export async function startSession(tokens: Tokens): Promise<void> {
  const claims = claimsOf(tokens.IdToken);
  const email = text(claims.email) ?? null;
  let name = text(claims.name);
  if (!name) name = text((await userAttributes(tokens.AccessToken).catch(() => ({}) as Record<string, string>)).name);
  const user: SessionUser = {
    id: String(claims.sub ?? ''),
    email,
    name: name ?? email ?? 'You',
    roles: Array.isArray(claims['cognito:groups']) ? ['user', ...(claims['cognito:groups'] as string[])] : ['user'],
  };
  const pair: SessionTokens = { accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken ?? '' };
  session.signIn(pair, user);
}
