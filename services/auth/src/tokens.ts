/**
 * Issues the platform's access tokens: ES256, 15 minutes, with iss, aud, sub, roles, token_use.
 * The private key comes from configuration (AUTH_SIGNING_KEY: a JWK; generated under .local/ on
 * the local stage; on AWS stages a Secrets Manager secret that CloudFormation resolves into the
 * function's environment at deploy time); its public half is the JWKS.
 */
import { importJWK, SignJWT, type JWK } from 'jose';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;
import { config } from '@platform/libs/config';
import type { Role } from '@platform/libs/auth';
import { randomUUID } from 'node:crypto';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

let signingKey: Promise<{ key: SigningKey; kid: string }> | undefined;

function key() {
  signingKey ??= (async () => {
    const text = process.env.AUTH_SIGNING_KEY;
    if (!text) throw new Error('AUTH_SIGNING_KEY is not configured');
    const jwk = JSON.parse(text) as JWK;
    return { key: await importJWK(jwk, 'ES256'), kid: jwk.kid ?? 'default' };
  })();
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
