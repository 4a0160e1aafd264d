/**
 * Password hashing with scrypt (memory-hard): N = 2^15, r = 8, p = 1 (32 MiB per hash), 16-byte
 * salt, 32-byte key. Stored as `scrypt$N$r$p$salt$hash` (base64url) so parameters can be raised
 * later and old hashes still verify. Comparison is constant-time.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const memoryFor = (N: number, r: number) => 128 * N * r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: memoryFor(PARAMS.N, PARAMS.r) });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: Number(r), p: Number(p), maxmem: memoryFor(N, Number(r)) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A real hash of nothing anyone knows: verifying against it costs what a real check costs, for unknown emails. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(24).toString('hex')));

/** The one password rule, for every route that takes a password: 8..128 characters (docs/api.md#limits). */
export const passwordSchema = { type: 'string', minLength: 8, maxLength: 128 } as const;
