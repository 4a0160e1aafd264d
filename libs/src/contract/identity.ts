/**
 * The user as routes answer it (`toPublicUser` in libs/src/identity: no password hash, no session
 * data): the auth service's token replies and the users service's routes share this one schema.
 */
import { Type } from '@sinclair/typebox';
import { ROLES } from '../auth/roles';
import { Currency, Email, Stamps, StringEnum } from './schemas';

export const PublicUser = Type.Object(
  {
    id: Type.String({ description: 'the user id (a ULID for accounts made here)' }),
    email: Type.Union([Email, Type.Null()], { description: 'null for an account without one (a Cognito user may keep it unclaimed)' }),
    name: Type.String(),
    roles: Type.Array(StringEnum(ROLES), { description: 'always holds `user`' }),
    disabled: Type.Boolean(),
    timezone: Type.String({ description: 'IANA time zone', examples: ['Europe/Berlin'] }),
    defaultCurrency: Currency,
    ...Stamps,
  },
  { additionalProperties: false, description: 'a user, without password or session data' },
);
