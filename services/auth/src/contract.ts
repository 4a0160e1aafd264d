/** The auth service's routes: what each accepts and answers. `npm run contract` generates from here the route table its handlers load (routes.generated.js, with the validators), the types and OpenAPI. */
import { passwordSchema } from '@platform/libs/auth';
import { Body, defineRoutes, Email, Name, PublicUser } from '@platform/libs/contract';
import { Type } from '@sinclair/typebox';

/** A new password: 8 to 128 characters, kept as typed (never trimmed). */
const Password = Type.String({ minLength: passwordSchema.minLength, maxLength: passwordSchema.maxLength });
/** A password being checked: any non-empty text up to the limit (the old rules may have been other). */
const GivenPassword = Type.String({ minLength: 1, maxLength: passwordSchema.maxLength });
const RefreshToken = Type.String({ minLength: 1, maxLength: 200, description: 'the refreshToken of the last token reply' });

/** What register, login and refresh answer: the user, signed in. */
const Tokens = Type.Object(
  {
    user: PublicUser,
    accessToken: Type.String({ description: 'a JWT (ES256) to send as `Authorization: Bearer <token>`; it lives expiresIn seconds' }),
    refreshToken: Type.String({ description: 'single use: POST /auth/refresh exchanges it for a new pair' }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'seconds the access token lives (15 minutes)', examples: [900] }),
  },
  { additionalProperties: false },
);

/** One public key of the JWKS (RFC 7517): an EC P-256 key for ES256; other members may appear. */
const Jwk = Type.Object(
  {
    kty: Type.String({ examples: ['EC'] }),
    kid: Type.Optional(Type.String()),
    alg: Type.Optional(Type.String({ examples: ['ES256'] })),
    use: Type.Optional(Type.String({ examples: ['sig'] })),
    crv: Type.Optional(Type.String({ examples: ['P-256'] })),
    x: Type.Optional(Type.String()),
    y: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const routes = defineRoutes('auth', {
  register: {
    method: 'POST',
    path: '/auth/register',
    summary: 'Create an account (role `user`) and sign in',
    description: 'An email already registered, in any letter case, is 409 EMAIL_TAKEN.',
    auth: false,
    body: Body({ email: Email, password: Password, name: Name }),
    responses: { 201: Tokens },
    errors: [409],
  },
  login: {
    method: 'POST',
    path: '/auth/login',
    summary: 'Sign in with email and password',
    description:
      'A wrong password, an unknown email and a disabled account all answer 401 INVALID_CREDENTIALS. Five failures for one email within 15 minutes lock it: 429 TOO_MANY_ATTEMPTS with Retry-After.',
    auth: false,
    body: Body({ email: Type.String({ minLength: 1, maxLength: 254 }), password: GivenPassword }),
    responses: { 200: Tokens },
    errors: [401, 429],
  },
  refresh: {
    method: 'POST',
    path: '/auth/refresh',
    summary: 'Exchange a refresh token for a new access and refresh token',
    description:
      'Each refresh token works once. Presenting one already used ends its whole session (401 REFRESH_TOKEN_REUSED); an unknown, ended or voided one is 401 INVALID_REFRESH_TOKEN.',
    auth: false,
    body: Body({ refreshToken: RefreshToken }),
    responses: { 200: Tokens },
    errors: [401],
  },
  logout: {
    method: 'POST',
    path: '/auth/logout',
    summary: "End the refresh token's session",
    description: 'Other sessions of the user go on. An unknown token is also 204 (nothing to end).',
    auth: false,
    body: Body({ refreshToken: RefreshToken }),
    responses: { 204: null },
  },
  changePassword: {
    method: 'POST',
    path: '/auth/password',
    summary: "Change one's password",
    description:
      'Needs the current password (401 INVALID_CREDENTIALS when wrong); every refresh token the user holds stops working. An account that signs in through Cognito has no password here: 409 NO_PASSWORD.',
    body: Body({ currentPassword: GivenPassword, newPassword: Password }),
    responses: { 204: null },
    errors: [401, 409],
  },
  getJwks: {
    method: 'GET',
    path: '/auth/.well-known/jwks.json',
    summary: "The public keys that verify the platform's access tokens (JWKS)",
    description: 'Cacheable for 5 minutes (Cache-Control: public, max-age=300).',
    auth: false,
    responses: { 200: Type.Object({ keys: Type.Array(Jwk) }, { additionalProperties: false }) },
  },
});
