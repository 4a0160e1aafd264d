import { noContent, route } from '@platform/libs/http';
import { sessions } from '@platform/libs/identity';
import { refreshBody } from './refresh';

/** POST /auth/logout: ends this session's refresh family only. Unknown tokens also get 204 (nothing to end). */
export const handler = route<{ refreshToken: string }>({ auth: false, body: refreshBody }, async ({ body }) => {
  const token = await sessions.token(body.refreshToken);
  if (token) await sessions.revokeFamily(token.familyId);
  return noContent();
});
