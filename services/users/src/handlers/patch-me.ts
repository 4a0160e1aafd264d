import { Unauthorized } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { toPublicUser, users } from '@platform/libs/identity';
import * as routes from '../routes.generated';

/** PATCH /users/me {name?, timezone? (IANA), defaultCurrency? (ISO 4217), version?}: a stale version is 409. */
export const handler = route(routes.patchMe, async ({ body, principal }) => {
  const { version, ...fields } = body;
  const current = await users.require(principal.userId);
  if (current.disabled) throw new Unauthorized('This account is disabled', 'ACCOUNT_DISABLED');
  return toPublicUser(await users.update(principal.userId, fields, version ?? current.version));
});
