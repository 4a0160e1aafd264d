/**
 * The stage's secrets, read when first needed and kept for the container's life. No key material
 * is in a template or an environment variable: a function holds only where to look.
 *  - On AWS: Secrets Manager, by name: SECRETS_PREFIX + name (`platform/prod/auth-signing-key`);
 *    the function's role may read exactly the secrets it uses (config/grants.ts `secret()`).
 *  - On the local stage: the file SECRETS_DIR/<name>, which `npm start` writes under .local/.
 * A read that fails is not remembered: the next request tries again (503 meanwhile, as for any
 * unreachable dependency).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordAwsCall, recordCallsOf } from '../aws';
import { config, DEPENDENCY_TIMEOUTS } from '../config';
import { ConfigurationError } from '../errors';

/** The token signing key (a private JWK, JSON) and the secret list cursors are sealed with. */
export type SecretName = 'auth-signing-key' | 'cursor-secret';

const cache = new Map<SecretName, Promise<string>>();

export function secret(name: SecretName): Promise<string> {
  let value = cache.get(name);
  if (!value) {
    value = load(name);
    cache.set(name, value);
    value.catch(() => cache.delete(name));
  }
  return value;
}

/** Whether this container can read secrets at all (a service run alone on the local stage may not). */
export const secretsConfigured = (): boolean => Boolean(process.env.SECRETS_DIR || process.env.SECRETS_PREFIX);

async function load(name: SecretName): Promise<string> {
  const dir = process.env.SECRETS_DIR;
  if (dir) {
    // The call this read stands in for, recorded for the IAM proof (libs/src/aws).
    recordAwsCall({ action: 'secretsmanager:GetSecretValue', secret: name });
    return (await readFile(join(dir, name), 'utf8')).trim();
  }
  const prefix = process.env.SECRETS_PREFIX;
  if (!prefix) throw new ConfigurationError('SECRETS_PREFIX', `(or SECRETS_DIR) is not set, so the secret ${name} cannot be read`);
  // Loaded only by the functions that read a secret, and only then.
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = recordCallsOf(new SecretsManagerClient({ region: config().region, ...DEPENDENCY_TIMEOUTS }));
  const out = await client.send(new GetSecretValueCommand({ SecretId: `${prefix}${name}` }));
  if (!out.SecretString) throw new ConfigurationError('SECRETS_PREFIX', `names a secret ${prefix}${name} without a string value`);
  return out.SecretString;
}
