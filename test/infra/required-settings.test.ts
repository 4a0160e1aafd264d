/**
 * A real stage is never packaged with placeholders: without its settings `sls package` stops and
 * names every missing one (config/required-settings.js, run by config/platform-plugin.js).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { settingProblems } from '../../config/required-settings';
import { REPO_ROOT } from '../../scripts/infra/packager';

const complete = {
  origin: 'https://loans.example.org',
  domainName: 'loans.example.org',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
  cognitoUserPoolId: 'eu-west-1_Abc123',
  cognitoClientId: 'client',
  alarmEmail: 'ops@example.org',
};

describe('the settings a real stage needs', () => {
  it('none missing: nothing to say; the local stage needs none', () => {
    expect(settingProblems('prod', complete)).toEqual([]);
    expect(settingProblems('prod', { ...complete, domainName: '', certificateArn: '', origin: 'https://d111111abcdef8.cloudfront.net' })).toEqual([]);
    expect(settingProblems('local', {})).toEqual([]);
  });

  it.each([
    ['origin', 'PUBLIC_ORIGIN'],
    ['cognitoUserPoolId', 'COGNITO_USER_POOL_ID'],
    ['cognitoClientId', 'COGNITO_CLIENT_ID'],
    ['alarmEmail', 'ALARM_EMAIL'],
  ])('without %s: names %s', (key, variable) => {
    const problems = settingProblems('dev', { ...complete, [key]: '' });
    expect(problems.some((p) => p.startsWith(`${variable} is not set`))).toBe(true);
  });

  it.each([
    ['an origin with a path', { origin: 'https://loans.example.org/app' }, /PUBLIC_ORIGIN must be https:\/\/<host>/],
    ['plain http', { origin: 'http://loans.example.org', domainName: '', certificateArn: '' }, /PUBLIC_ORIGIN must be https/],
    ['a domain without its certificate', { certificateArn: '' }, /DOMAIN_NAME and CERTIFICATE_ARN go together/],
    ['a domain that is not the origin', { origin: 'https://other.example.org' }, /PUBLIC_ORIGIN must be https:\/\/loans\.example\.org/],
  ])('%s is refused', (_case, change, message) => {
    expect(settingProblems('prod', { ...complete, ...change }).join('\n')).toMatch(message);
  });

  it('`sls package --stage prod` with none of them stops before writing a template, naming each', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    for (const name of ['PUBLIC_ORIGIN', 'DOMAIN_NAME', 'CERTIFICATE_ARN', 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'ALARM_EMAIL']) delete env[name];
    // In a scratch copy of a service (the framework clears a service's .serverless/ first: the
    // templates the other tests read stay untouched), with the real config/ beside it.
    const scratch = join(REPO_ROOT, '.local', 'settings-check');
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(join(scratch, 'services', 'platform-resources'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'config'), join(scratch, 'config'));
    copyFileSync(join(REPO_ROOT, 'services', 'platform-resources', 'serverless.ts'), join(scratch, 'services', 'platform-resources', 'serverless.ts'));
    const sls = join(REPO_ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');
    const out = spawnSync(process.execPath, [sls, 'package', '--stage', 'prod'], {
      cwd: join(scratch, 'services', 'platform-resources'),
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    rmSync(scratch, { recursive: true, force: true });
    expect(out.status).not.toBe(0);
    const said = out.stdout + out.stderr;
    for (const name of ['PUBLIC_ORIGIN', 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'ALARM_EMAIL']) expect(said).toContain(`${name} is not set`);
  });
});
