import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  jest.resetModules();
});

async function load() {
  jest.resetModules();
  return import('./index');
}

describe('secrets, read at run time', () => {
  it('locally: the file SECRETS_DIR/<name>, read once per container', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    try {
      writeFileSync(join(dir, 'cursor-secret'), 'first\n');
      process.env.SECRETS_DIR = dir;
      const { secret } = await load();
      expect(await secret('cursor-secret')).toBe('first');
      writeFileSync(join(dir, 'cursor-secret'), 'second\n');
      expect(await secret('cursor-secret')).toBe('first');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed read is not remembered: the next call tries again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    try {
      process.env.SECRETS_DIR = dir;
      const { secret } = await load();
      await expect(secret('auth-signing-key')).rejects.toThrow(/ENOENT/);
      writeFileSync(join(dir, 'auth-signing-key'), '{"kty":"EC"}');
      expect(await secret('auth-signing-key')).toBe('{"kty":"EC"}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with neither SECRETS_DIR nor SECRETS_PREFIX: a configuration error naming the setting', async () => {
    delete process.env.SECRETS_DIR;
    delete process.env.SECRETS_PREFIX;
    const { secret, secretsConfigured } = await load();
    expect(secretsConfigured()).toBe(false);
    await expect(secret('cursor-secret')).rejects.toEqual(expect.objectContaining({ name: 'ConfigurationError', setting: 'SECRETS_PREFIX' }));
  });
});
