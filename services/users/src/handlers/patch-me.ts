import { Unauthorized } from '@platform/libs/errors';
import { route } from '@platform/libs/http';
import { toPublicUser, users } from '@platform/libs/identity';
import { profilePatch } from '../schemas';

interface Body {
  name?: string;
  timezone?: string;
  defaultCurrency?: string;
  version?: number;
}

/** PATCH /users/me {name?, timezone? (IANA), defaultCurrency? (ISO 4217), version?}: a stale version is 409. */
export const handler = route<Body>({ body: profilePatch }, async ({ body, principal }) => {
  const { version, ...fields } = body;
  const current = await users.require(principal.userId);
  if (current.disabled) throw new Unauthorized('This account is disabled', 'ACCOUNT_DISABLED');
  return toPublicUser(await users.update(principal.userId, fields, version ?? current.version));
});
