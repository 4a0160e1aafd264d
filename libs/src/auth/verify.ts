/**
 * Access-token verification for every configured issuer, with jose:
 *  - the platform's own tokens (ES256, keys from the inline JWKS or the auth service's JWKS URL),
 *  - a Cognito user pool's access tokens (RS256, JWKS at <issuer>/.well-known/jwks.json).
 * Checked: signature, algorithm (never `none`), issuer, audience (own) or client_id (Cognito),
 * expiry, and token_use = access. Anything else is a 401. A setting this needs that is missing
 * (the platform's keys, the Cognito app client id) is a ConfigurationError, a logged 500: the
 * caller's token is not at fault.
 */
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { config } from '../config';
import { ConfigurationError, Unauthorized } from '../errors';
import { isRole, rolesFromGroups, type Principal, type Role } from './roles';
import { resolveCognitoUser } from './cognito-users';

const CLOCK_TOLERANCE_SECONDS = 5;

let ownKeys: JWTVerifyGetKey | undefined;
let cognitoKeys: JWTVerifyGetKey | undefined;

/** What to do about a missing setting on the local stage (README, "One service alone"). */
const LOCAL_HINT = 'locally, load what `npm start` writes first: set -a; . <repository>/.local/service.env; set +a';

function platformKeys(): JWTVerifyGetKey {
  if (!ownKeys) {
    const { jwks, jwksUrl } = config().auth;
    if (jwks) ownKeys = localKeys(jwks);
    else if (jwksUrl) ownKeys = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000 });
    else throw new ConfigurationError('AUTH_JWKS', `(or AUTH_JWKS_URL) is not set, so no platform access token can be verified (${LOCAL_HINT})`);
  }
  return ownKeys;
}

function localKeys(jwks: string): JWTVerifyGetKey {
  try {
    return createLocalJWKSet(JSON.parse(jwks));
  } catch (error) {
    throw new ConfigurationError('AUTH_JWKS', `is not a JSON Web Key Set: ${(error as Error).message}`);
  }
}

/** The app client Cognito access tokens must be issued to: a configured pool without it is a configuration error. */
function cognitoClientId(issuer: string): string {
  const { clientId } = config().cognito;
  if (!clientId) throw new ConfigurationError('COGNITO_CLIENT_ID', `is not set while the Cognito issuer ${issuer} is configured (${LOCAL_HINT})`);
  return clientId;
}

function cognitoJwks(issuer: string): JWTVerifyGetKey {
  cognitoKeys ??= createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), { cooldownDuration: 30_000 });
  return cognitoKeys;
}

function bearer(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw new Unauthorized('Send an access token: Authorization: Bearer <token>');
  return match[1];
}

/** The token's subject (jwtVerify's requiredClaims already insists on it). */
function subjectOf(payload: JWTPayload): string {
  if (!payload.sub) throw new Unauthorized('The access token has no subject');
  return payload.sub;
}

/** A token may be issued at most this far ahead of our clock (clock skew); later is a forgery or a broken clock. */
const MAX_ISSUED_AHEAD_SECONDS = 5 * 60;

function assertIssuedInThePast(payload: JWTPayload): void {
  if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + MAX_ISSUED_AHEAD_SECONDS) {
    throw new Unauthorized('The access token was issued in the future');
  }
}

function unauthorizedFrom(error: unknown): Unauthorized {
  if (error instanceof Unauthorized) return error;
  if (error instanceof errors.JWTExpired) return new Unauthorized('The access token has expired', 'TOKEN_EXPIRED');
  return new Unauthorized('The access token is not valid');
}

async function verifyPlatformToken(token: string, keys: JWTVerifyGetKey): Promise<Principal> {
  const { issuer, audience } = config().auth;
  const { payload } = await jwtVerify(token, keys, {
    issuer,
    audience,
    algorithms: ['ES256'],
    requiredClaims: ['sub', 'exp', 'iat'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  });
  if (payload.token_use !== 'access') throw new Unauthorized('Not an access token');
  assertIssuedInThePast(payload);
  const roles = Array.isArray(payload.roles) ? (payload.roles.filter(isRole) as Role[]) : [];
  return {
    userId: subjectOf(payload),
    roles: roles.includes('user') ? roles : ['user', ...roles],
    source: 'platform',
    email: payload.email as string | undefined,
  };
}

async function verifyCognitoToken(token: string, issuer: string, clientId: string): Promise<Principal> {
  const { payload } = await jwtVerify(token, cognitoJwks(issuer), {
    issuer,
    algorithms: ['RS256'],
    requiredClaims: ['sub', 'exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  });
  // Cognito access tokens carry client_id instead of aud; ID tokens (token_use id) are refused.
  if (payload.token_use !== 'access') throw new Unauthorized('Not an access token');
  assertIssuedInThePast(payload);
  if (payload.client_id !== clientId) throw new Unauthorized('The token was issued to another client');
  const roles = rolesFromGroups(payload['cognito:groups']);
  const username = typeof payload.username === 'string' ? payload.username : undefined;
  const email = typeof payload.email === 'string' ? payload.email : username?.includes('@') ? username : undefined;
  // userId is filled in by resolveCognitoUser, outside the 401 mapping: a database fault is not a bad token.
  return { userId: '', roles, source: 'cognito', email, subject: subjectOf(payload), name: username ?? email ?? 'Cognito user' } as CognitoPrincipal;
}

type CognitoPrincipal = Principal & { subject: string; name: string };

/** The principal behind an Authorization header, or a 401. */
export async function authenticate(header: string | undefined): Promise<Principal> {
  const token = bearer(header);
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new Unauthorized('The access token is not valid');
  }
  const { auth, cognito } = config();
  // The settings are read before the 401 mapping: a missing one is the server's fault (500), not the token's.
  if (claims.iss === auth.issuer) {
    const keys = platformKeys();
    return verifyPlatformToken(token, keys).catch((e) => Promise.reject(unauthorizedFrom(e)));
  }
  if (cognito.issuer && claims.iss === cognito.issuer) {
    const clientId = cognitoClientId(cognito.issuer);
    const p = (await verifyCognitoToken(token, cognito.issuer, clientId).catch((e) => Promise.reject(unauthorizedFrom(e)))) as CognitoPrincipal;
    const userId = await resolveCognitoUser({ subject: p.subject, email: p.email, name: p.name, roles: p.roles });
    return { userId, roles: p.roles, source: 'cognito', email: p.email };
  }
  throw new Unauthorized('The access token comes from an issuer this platform does not trust');
}
