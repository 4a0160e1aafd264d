import { noContent, route } from '@platform/libs/http';
import { sessions } from '@platform/libs/identity';
import * as routes from '../routes.generated';

/** POST /auth/logout: ends this session's refresh family only. Unknown tokens also get 204 (nothing to end). */
export const handler = route(routes.logout, async ({ body }) => {
  const token = await sessions.token(body.refreshToken);
  if (token) await sessions.revokeFamily(token.familyId);
  return noContent();
});
