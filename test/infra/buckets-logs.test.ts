/**
 * What must be kept, in the packaged prod templates: replaced loan documents (versioning), every
 * API request (access logs with the request id), and the deployment bucket private like the others.
 */
import { API_SERVICES, ofType, SERVICES, stageSettings, template, type Resource } from './templates';

const STAGE = 'prod';
const settings = stageSettings(STAGE);
const templates = Object.fromEntries(SERVICES.map((s) => [s, template(s)]));
const BLOCK_ALL = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

const bucketNamed = (name: string): Resource | undefined =>
  SERVICES.flatMap((s) => ofType(templates[s], 'AWS::S3::Bucket')).find(([, r]) => r.Properties!.BucketName === `platform-${STAGE}-${name}`)?.[1];
const enabledRules = (bucket: Resource): Array<Record<string, any>> =>
  bucket.Properties!.LifecycleConfiguration.Rules.filter((rule: { Status: string }) => rule.Status === 'Enabled');

describe('the loan documents bucket', () => {
  const bucket = bucketNamed('loan-documents')!;

  it('is versioned, so a replaced or deleted document can be restored', () => {
    expect(bucket.Properties!.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('deletes a replaced version 30 days after its replacement, and never the current one', () => {
    const rules = enabledRules(bucket);
    expect(rules.map((rule) => rule.NoncurrentVersionExpiration).filter(Boolean)).toEqual([{ NoncurrentDays: 30 }]);
    expect(rules.filter((rule) => rule.ExpirationInDays || rule.ExpirationDate)).toEqual([]);
  });
});

describe('the gift images bucket', () => {
  const bucket = bucketNamed('gift-images')!;

  it('is not versioned, goes to STANDARD_IA after 30 days and is deleted after 365', () => {
    expect(bucket.Properties!.VersioningConfiguration?.Status ?? 'none').not.toBe('Enabled');
    const rules = enabledRules(bucket);
    expect(rules.flatMap((rule) => rule.Transitions ?? [])).toEqual([{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }]);
    expect(rules.map((rule) => rule.ExpirationInDays).filter(Boolean)).toEqual([365]);
  });
});

describe.each(API_SERVICES)('the %s API stage', (service) => {
  const t = templates[service];
  const deployments = ofType(t, 'AWS::ApiGateway::Deployment');
  const stage = deployments[0]?.[1].Properties?.StageDescription ?? {};
  const access = stage.AccessLogSetting ?? {};

  it('logs every request as one JSON line with its request id, method, path, status, latency, source IP and principal', () => {
    expect(deployments).toHaveLength(1);
    const line = JSON.parse(access.Format);
    expect(line).toMatchObject({
      requestId: '$context.requestId',
      method: '$context.httpMethod',
      path: '$context.path',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
      sourceIp: '$context.identity.sourceIp',
      principal: '$context.authorizer.principalId',
    });
  });

  it("writes them to a log group of its own, kept for the stage's retention, with execution logs off", () => {
    const sub = String(access.DestinationArn?.['Fn::Sub']);
    const groupId = /:log-group:\$\{(\w+)\}$/.exec(sub)?.[1];
    expect(sub).toMatch(/^arn:\$\{AWS::Partition\}:logs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:log-group:/);
    const group = t.Resources[groupId ?? ''];
    expect(group?.Type).toBe('AWS::Logs::LogGroup');
    expect(group.Properties).toEqual({ LogGroupName: `/aws/api-gateway/${service}-${STAGE}`, RetentionInDays: settings.logRetentionInDays });
    expect([stage.LoggingLevel, stage.DataTraceEnabled]).toEqual(['OFF', false]);
  });
});

describe.each(SERVICES)('the deployment bucket of %s', (service) => {
  it('blocks public access, is encrypted and refuses plain HTTP', () => {
    const t = templates[service];
    const bucket = t.Resources.ServerlessDeploymentBucket;
    expect(bucket.Properties!.PublicAccessBlockConfiguration).toEqual(BLOCK_ALL);
    expect(bucket.Properties!.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    const [, policy] = ofType(t, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties!.Bucket.Ref === 'ServerlessDeploymentBucket')!;
    expect(policy.Properties!.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': false } } }),
    );
  });
});
