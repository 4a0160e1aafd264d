/**
 * Least privilege, proven by what the code really does. The integration (and browser) tests run
 * with every AWS call of every function recorded (libs/src/aws: function, IAM action, table,
 * index, bucket, secret); this checks each recorded call against that function's own role in the
 * packaged prod template, as IAM would: an Allow statement whose action and resource match. No
 * emulator checks IAM, so without this a missing grant is found on AWS as an AccessDenied 500.
 * Grants never exercised are listed (test/proof/unused-grants.txt): a grant the tests never use
 * is either untested code or too much privilege.
 *
 * Runs after the integration tests (`npm test` runs this project second: jest.proof.config.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsCall } from '../../libs/src/aws';
import { REPO_ROOT } from '../../scripts/infra/packager';
import { actions, API_SERVICES, arnText, resources, type Statement, template, type Template } from '../infra/templates';

const OFFSET = Number(process.env.PLATFORM_TEST_PORT_OFFSET ?? 0);
const CALL_LOG = join(REPO_ROOT, OFFSET ? `.local/test-${OFFSET}` : '.local/test', 'aws-calls.jsonl');
const STAGE = 'prod';
/** The pseudo parameters of one imagined account and region: the same for every ARN, so patterns compare. */
const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': 'us-east-1', 'AWS::AccountId': '123456789012' };

/** The concrete ARN a call touches on the prod stage. */
function arnOf(call: AwsCall): string {
  const account = `${PSEUDO['AWS::Region']}:${PSEUDO['AWS::AccountId']}`;
  if (call.table) return `arn:aws:dynamodb:${account}:table/platform-${STAGE}-${call.table}${call.index ? `/index/${call.index}` : ''}`;
  if (call.bucket)
    return call.action === 's3:ListBucket' ? `arn:aws:s3:::platform-${STAGE}-${call.bucket}` : `arn:aws:s3:::platform-${STAGE}-${call.bucket}/some-object`;
  // A secret's ARN ends with the 6 characters Secrets Manager adds to its name.
  if (call.secret) return `arn:aws:secretsmanager:${account}:secret:platform/${STAGE}/${call.secret.split('/').pop()}-AbCdEf`;
  return '*';
}

/** An IAM pattern (`*` any run, `?` one character) as a regular expression. */
const pattern = (text: string) =>
  new RegExp(
    `^${text
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

function resolved(value: unknown): string {
  return arnText(value).replace(/\$\{([^}]+)\}/g, (whole, name: string) => PSEUDO[name] ?? whole);
}

interface Role {
  id: string;
  statements: Statement[];
}

/** The role of `<service>-prod-<fn>` in the service's template. */
function roleOf(t: Template, service: string, fn: string): Role | undefined {
  const lambda = Object.values(t.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.FunctionName === `${service}-${STAGE}-${fn}`);
  const roleId = (lambda?.Properties?.Role as { 'Fn::GetAtt'?: string[] } | undefined)?.['Fn::GetAtt']?.[0];
  const role = roleId ? t.Resources[roleId] : undefined;
  if (!roleId || !role) return undefined;
  const statements = (role.Properties?.Policies ?? []).flatMap((p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement);
  return { id: roleId, statements };
}

const allows = (s: Statement, call: AwsCall) =>
  s.Effect === 'Allow' && actions(s).some((a) => pattern(a).test(call.action)) && resources(s).some((r) => pattern(resolved(r)).test(arnOf(call)));

const calls: AwsCall[] = existsSync(CALL_LOG)
  ? [
      ...new Map(
        readFileSync(CALL_LOG, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as AwsCall)
          .map((c) => [JSON.stringify(c), c]),
      ).values(),
    ]
  : [];

describe('every AWS call a function made in the tests is allowed by its prod role', () => {
  it('the integration tests recorded calls (run them first: npm test does)', () => {
    expect(existsSync(CALL_LOG)).toBe(true);
    expect(calls.length).toBeGreaterThan(50);
  });

  const services = API_SERVICES.filter((s) => calls.some((c) => c.service === s));
  it.each(services)('%s', (service) => {
    const t = template(service);
    const denied = calls
      .filter((c) => c.service === service)
      .filter((c) => !roleOf(t, service, c.fn)?.statements.some((s) => allows(s, c)))
      .map((c) => `${c.fn}: ${c.action} on ${arnOf(c)}`);
    expect(denied).toEqual([]);
  });

  // Not a verdict: a grant no test used is either untested code or too much privilege; the list says which to look at.
  afterAll(() => {
    const unused: string[] = [];
    for (const service of services) {
      const t = template(service);
      for (const [, lambda] of Object.entries(t.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function')) {
        const fn = String(lambda.Properties?.FunctionName).slice(`${service}-${STAGE}-`.length);
        for (const s of roleOf(t, service, fn)?.statements ?? []) {
          if (s.Effect !== 'Allow' || actions(s).some((a) => a.startsWith('logs:'))) continue;
          for (const action of actions(s)) {
            for (const resource of resources(s)) {
              const used = calls.some(
                (c) => c.service === service && c.fn === fn && pattern(action).test(c.action) && pattern(resolved(resource)).test(arnOf(c)),
              );
              if (!used) unused.push(`${service}.${fn}: ${action} on ${resolved(resource)}`);
            }
          }
        }
      }
    }
    writeFileSync(join(__dirname, 'unused-grants.txt'), `${unused.join('\n')}\n`);
    console.log(`[iam] ${calls.length} distinct calls checked; ${unused.length} grants not exercised (test/proof/unused-grants.txt)`);
  });
});
