/**
 * The Gift Tracker's session and API: tokens from the Cognito user pool (cognito.ts), the ACCESS
 * token sent to the platform as a bearer token. The retry and refresh rules are the shared ones
 * (shared/session.ts, shared/api.ts): only where tokens come from differs from Skycap.
 */
import { createApi } from '../shared/api';
import { Session, type SessionTokens, type SessionUser } from '../shared/session';
import { sessionHook } from '../shared/use-session';
import { claimsOf, refresh, revoke, type Tokens } from './cognito';

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

/** Signs in with the pool's tokens; who the person is comes from the ID token. */
export function startSession(tokens: Tokens): void {
  const claims = claimsOf(tokens.IdToken);
  const email = typeof claims.email === 'string' ? claims.email : null;
  const user: SessionUser = {
    id: String(claims.sub ?? ''),
    email,
    name: typeof claims.name === 'string' && claims.name ? claims.name : (email ?? 'You'),
    roles: Array.isArray(claims['cognito:groups']) ? ['user', ...(claims['cognito:groups'] as string[])] : ['user'],
  };
  const pair: SessionTokens = { accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken ?? '' };
  session.signIn(pair, user);
}
