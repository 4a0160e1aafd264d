/**
 * Issues the platform's access tokens: ES256, 15 minutes, with iss, aud, sub, roles, token_use.
 * The private key is the stage's secret `auth-signing-key` (a JWK), read at run time once per
 * container (libs/src/secrets: Secrets Manager on AWS, generated under .local/ on the local stage);
 * its public half is the JWKS.
 */
import { importJWK, SignJWT, type JWK } from 'jose';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;
import { config } from '@platform/libs/config';
import { secret } from '@platform/libs/secrets';
import type { Role } from '@platform/libs/auth';
import { randomUUID } from 'node:crypto';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

let signingKey: Promise<{ key: SigningKey; kid: string }> | undefined;

async function loadKey(): Promise<{ key: SigningKey; kid: string }> {
  const jwk = JSON.parse(await secret('auth-signing-key')) as JWK;
  return { key: await importJWK(jwk, 'ES256'), kid: jwk.kid ?? 'default' };
}

function key() {
  // A failed read is not kept: the next request tries again.
  signingKey ??= loadKey().catch((error: unknown) => {
    signingKey = undefined;
    throw error;
  });
  return signingKey;
}

export async function signAccessToken(user: { id: string; roles: Role[]; email: string | null }): Promise<string> {
  const { key: privateKey, kid } = await key();
  const { issuer, audience } = config().auth;
  return new SignJWT({ roles: user.roles, token_use: 'access', ...(user.email ? { email: user.email } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(user.id)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
    .sign(privateKey);
}

/** The public keys, from the configured JWKS (the private key's `d` is never in it). */
export function publicJwks(): { keys: JWK[] } {
  const { jwks } = config().auth;
  const parsed = jwks ? (JSON.parse(jwks) as { keys: JWK[] }) : { keys: [] };
  return { keys: parsed.keys.map(({ d: _private, ...publicPart }) => publicPart) };
}
