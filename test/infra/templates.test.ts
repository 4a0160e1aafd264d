/**
 * What docs/infrastructure.md says the templates carry, checked on what `sls package --stage prod` produced for every service
 * (test/infra/global-setup.ts packages them): what a reviewer would look for before a deploy.
 */
import { actions, API_SERVICES, arnText, ofType, resources, SERVICES, stageSettings, statements, tableDefinitions, template, type Resource } from './templates';

const STAGE = 'prod';
const settings = stageSettings(STAGE);
const templates = Object.fromEntries(SERVICES.map((s) => [s, template(s)]));
const ALARM_TOPIC_EXPORT = `platform-${STAGE}-alarm-topic-arn`;
const DATA_ACTION = /^(dynamodb|s3):/;

const functionsOf = (service: string) => ofType(templates[service], 'AWS::Lambda::Function');
const alarmsOf = (service: string) => ofType(templates[service], 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties!);
const metricDims = (alarm: Record<string, any>) => alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric);
const refersTo = (alarm: Record<string, unknown>, logicalId: string) => JSON.stringify(alarm.Metrics).includes(`{"Ref":"${logicalId}"}`);

describe.each(SERVICES)('service %s', (service) => {
  const t = templates[service];

  it('runs every function on nodejs22.x with its memory and timeout set (API functions within 29 s)', () => {
    for (const [id, fn] of functionsOf(service)) {
      expect({ id, runtime: fn.Properties!.Runtime }).toEqual({ id, runtime: 'nodejs22.x' });
      expect(fn.Properties!.MemorySize).toBeGreaterThanOrEqual(128);
      expect(fn.Properties!.Timeout).toBeGreaterThan(0);
      const viaApi = !!t.Resources[id.replace(/LambdaFunction$/, 'LambdaPermissionApiGateway')];
      if (viaApi) expect({ id, timeout: fn.Properties!.Timeout <= 29 }).toEqual({ id, timeout: true });
    }
  });

  it("keeps every function's logs for the stage's retention", () => {
    // The API's access log group is the other one (test/infra/buckets-logs.test.ts).
    const groups = ofType(t, 'AWS::Logs::LogGroup').filter(([, g]) => String(g.Properties!.LogGroupName).startsWith('/aws/lambda/'));
    expect(groups).toHaveLength(functionsOf(service).length);
    for (const [, group] of groups) expect(group.Properties!.RetentionInDays).toBe(settings.logRetentionInDays);
  });

  it('allows no "*" action in any policy', () => {
    const wildcards = statements(t)
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ where, statement }) =>
        actions(statement)
          .filter((a) => a === '*' || a.endsWith(':*'))
          .map((a) => `${where}: ${a}`),
      );
    expect(wildcards).toEqual([]);
  });

  it('names the exact tables and buckets in every DynamoDB and S3 statement', () => {
    for (const { where, statement } of statements(t).filter(({ statement }) => statement.Effect === 'Allow')) {
      const data = actions(statement).filter((a) => DATA_ACTION.test(a));
      if (!data.length) continue;
      for (const arn of resources(statement).map(arnText)) {
        const ok = data.some((a) => a.startsWith('dynamodb:'))
          ? new RegExp(`(:table/platform-${STAGE}-[a-z0-9-]+|\\$\\{\\w+Table(\\.Arn)?\\})(/index/[A-Za-z0-9_.-]+)?$`).test(arn)
          : new RegExp(`(:::platform-${STAGE}-[a-z0-9-]+(/\\*)?|\\$\\{\\w+Bucket(\\.Arn)?\\}(/\\*)?)$`).test(arn);
        expect({ where, arn, ok }).toEqual({ where, arn, ok: true });
      }
    }
  });

  it('gives every function that reaches data a role of its own', () => {
    const roleOf = (fn: Resource) => (fn.Properties!.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const dataRoles = new Set(
      statements(t)
        .filter(({ statement }) => actions(statement).some((a) => DATA_ACTION.test(a)))
        .map(({ where }) => where),
    );
    const users = new Map<string, string[]>();
    for (const [id, fn] of functionsOf(service)) users.set(roleOf(fn), [...(users.get(roleOf(fn)) ?? []), id]);
    const shared = [...users].filter(([role, fns]) => dataRoles.has(role) && fns.length > 1);
    expect(shared).toEqual([]);
  });

  it('takes the Cognito pool and client from configuration in every function', () => {
    const values = new Set(
      functionsOf(service).map(([, fn]) =>
        JSON.stringify([fn.Properties!.Environment.Variables.COGNITO_USER_POOL_ID, fn.Properties!.Environment.Variables.COGNITO_CLIENT_ID]),
      ),
    );
    expect(values.size).toBeLessThanOrEqual(1);
  });
});

describe.each(API_SERVICES)('API of %s', (service) => {
  const t = templates[service];

  it(`throttles its stage at ${settings.throttle.rate} requests/s, burst ${settings.throttle.burst} (config/stages.yml)`, () => {
    const [deployment] = ofType(t, 'AWS::ApiGateway::Deployment');
    expect(deployment[1].Properties!.StageDescription).toMatchObject({
      ThrottlingRateLimit: settings.throttle.rate,
      ThrottlingBurstLimit: settings.throttle.burst,
    });
  });

  it('answers an unknown route with 404 NOT_FOUND in the error shape, with CORS headers', () => {
    const notFound = ofType(t, 'AWS::ApiGateway::GatewayResponse').find(([, r]) => r.Properties!.ResponseType === 'MISSING_AUTHENTICATION_TOKEN')?.[1];
    expect(notFound?.Properties?.StatusCode).toBe('404');
    const body = JSON.parse(notFound!.Properties!.ResponseTemplates['application/json']);
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) }, requestId: '$context.requestId' });
    const origin = notFound!.Properties!.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'];
    expect(settings.corsOrigins.length === 1 ? origin : 'echo').toBe(settings.corsOrigins.length === 1 ? `'${settings.corsOrigins[0]}'` : 'echo');
    expect(notFound!.Properties!.ResponseParameters['gatewayresponse.header.Access-Control-Expose-Headers']).toContain('x-request-id');
  });

  it('alarms when a function error rate goes above 1 % (Errors / Invocations)', () => {
    for (const [id] of functionsOf(service)) {
      const alarm = alarmsOf(service).find((a) => refersTo(a, id) && metricDims(a).some((m: any) => m.MetricName === 'Errors'));
      expect({ id, threshold: alarm?.Threshold, op: alarm?.ComparisonOperator }).toEqual({ id, threshold: 1, op: 'GreaterThanThreshold' });
      expect(alarm!.Metrics.find((m: { Expression?: string }) => m.Expression).Expression).toMatch(/errors \/ invocations/);
    }
  });

  it('alarms when the API 5xx rate goes above 1 %', () => {
    const apiName = ofType(t, 'AWS::ApiGateway::RestApi')[0][1].Properties!.Name;
    const alarm = alarmsOf(service).find((a) => metricDims(a).some((m: any) => m.MetricName === '5XXError' && JSON.stringify(m.Dimensions).includes(apiName)));
    expect({ threshold: alarm?.Threshold, op: alarm?.ComparisonOperator }).toEqual({ threshold: 1, op: 'GreaterThanThreshold' });
    expect(alarm!.Metrics.find((m: { Expression?: string }) => m.Expression).Expression).toMatch(/errors \/ requests/);
  });

  it('alarms on any throttling of each table it owns and of their indexes', () => {
    for (const [id, table] of ofType(t, 'AWS::DynamoDB::Table')) {
      const throttleAlarms = alarmsOf(service).filter((a) => refersTo(a, id));
      expect(throttleAlarms.every((a) => a.Threshold === 0 && a.ComparisonOperator === 'GreaterThanThreshold')).toBe(true);
      const covered = new Set(
        throttleAlarms.flatMap((a) => metricDims(a).map((m: any) => m.Dimensions.find((d: any) => d.Name === 'GlobalSecondaryIndexName')?.Value ?? '(table)')),
      );
      const expected = ['(table)', ...(table.Properties!.GlobalSecondaryIndexes ?? []).map((i: { IndexName: string }) => i.IndexName)];
      expect([...covered].sort()).toEqual(expected.sort());
    }
  });

  it('outputs the name and ARN of every table and bucket it owns', () => {
    const owned = [...ofType(t, 'AWS::DynamoDB::Table'), ...ofType(t, 'AWS::S3::Bucket').filter(([id]) => id !== 'ServerlessDeploymentBucket')].map(
      ([id]) => id,
    );
    for (const id of owned) expect([`${id}Name`, `${id}Arn`].filter((key) => !t.Outputs?.[key])).toEqual([]);
  });

  it("sends every alarm to the stage's one alarm topic", () => {
    const targets = new Set(alarmsOf(service).flatMap((a) => [...a.AlarmActions, ...a.OKActions].map((x: unknown) => JSON.stringify(x))));
    expect([...targets]).toEqual([JSON.stringify({ 'Fn::ImportValue': ALARM_TOPIC_EXPORT })]);
  });
});

describe('tables', () => {
  const owned = SERVICES.flatMap((service) => tableDefinitions(service).map((def) => ({ service, def })));

  it.each(owned.map((o) => [o.def.name, o.service, o]))(
    '%s (owned by %s): on demand, PITR, SSE, its indexes, Retain and deletion protection',
    (_, __, { service, def }) => {
      const found = ofType(templates[service], 'AWS::DynamoDB::Table').find(([, r]) => r.Properties!.TableName === `platform-${STAGE}-${def.name}`);
      expect(found).toBeDefined();
      const [, table] = found!;
      expect(table.Properties!.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties!.SSESpecification).toEqual({ SSEEnabled: true });
      expect(table.Properties!.DeletionProtectionEnabled).toBe(settings.deletionProtection);
      expect(table.Properties!.DeletionProtectionEnabled).toBe(true);
      expect([table.DeletionPolicy, table.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
      expect((table.Properties!.GlobalSecondaryIndexes ?? []).map((i: { IndexName: string }) => i.IndexName).sort()).toEqual(
        (def.indexes ?? []).map((i) => i.name).sort(),
      );
    },
  );

  it('every table a policy names is defined in exactly one service, and no service defines a table twice', () => {
    const definedIn = new Map<string, string[]>();
    for (const s of SERVICES)
      for (const [, r] of ofType(templates[s], 'AWS::DynamoDB::Table'))
        definedIn.set(r.Properties!.TableName, [...(definedIn.get(r.Properties!.TableName) ?? []), s]);
    const named = new Set(
      SERVICES.flatMap((s) => statements(templates[s]).flatMap(({ statement }) => resources(statement).map(arnText))).flatMap(
        (arn) => arn.match(/:table\/([a-z0-9-]+)/)?.[1] ?? [],
      ),
    );
    expect([...named].filter((name) => definedIn.get(name)?.length !== 1)).toEqual([]);
    expect([...definedIn].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});

describe('buckets', () => {
  const buckets = SERVICES.flatMap((s) =>
    ofType(templates[s], 'AWS::S3::Bucket')
      // The web bucket is read by the distribution only (no browser talks to it: no CORS; tested with the edge).
      .filter(([id]) => id !== 'ServerlessDeploymentBucket' && id !== 'WebBucket')
      .map(([id, r]) => ({ service: s, id, r })),
  );
  const nameOf = (r: Resource) => String(r.Properties!.BucketName);

  it.each(buckets.map((b) => [nameOf(b.r), b.service, b]))(
    '%s (owned by %s): private, encrypted, CORS for the stage, to STANDARD_IA after 30 days',
    (_, __, { r }) => {
      const p = r.Properties!;
      expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toMatch(/^(AES256|aws:kms)$/);
      expect(p.CorsConfiguration.CorsRules.flatMap((rule: { AllowedOrigins: string[] }) => rule.AllowedOrigins).sort()).toEqual(
        [...settings.corsOrigins].sort(),
      );
      const rules = p.LifecycleConfiguration.Rules.filter((rule: { Status: string }) => rule.Status === 'Enabled');
      expect(rules.flatMap((rule: { Transitions?: unknown[] }) => rule.Transitions ?? [])).toContainEqual({
        StorageClass: 'STANDARD_IA',
        TransitionInDays: 30,
      });
      const expiry = rules.map((rule: { ExpirationInDays?: number }) => rule.ExpirationInDays).filter(Boolean);
      if (nameOf(r).endsWith('-gift-images')) expect(expiry).toEqual([365]);
      if (nameOf(r).endsWith('-loan-documents')) expect(expiry).toEqual([]);
      expect([r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    },
  );

  it('every bucket a policy names is defined in exactly one service', () => {
    const definedIn = new Map<string, string[]>();
    for (const b of buckets) definedIn.set(nameOf(b.r), [...(definedIn.get(nameOf(b.r)) ?? []), b.service]);
    const named = new Set(
      SERVICES.flatMap((s) =>
        statements(templates[s])
          .filter(({ statement }) => actions(statement).some((a) => a.startsWith('s3:')))
          .flatMap(({ statement }) => resources(statement).map(arnText)),
      ).flatMap((arn) => arn.match(new RegExp(`:::(platform-${STAGE}-[a-z0-9-]+)`))?.[1] ?? []),
    );
    expect([...named].filter((name) => definedIn.get(name)?.length !== 1)).toEqual([]);
  });
});

describe('shared resources (services/platform-resources)', () => {
  const shared = templates['platform-resources'];

  it('owns the alarm topic and exports its ARN for the services', () => {
    expect(ofType(shared, 'AWS::SNS::Topic').map(([, r]) => r.Properties!.TopicName)).toEqual([`platform-${STAGE}-alarms`]);
    expect(shared.Outputs!.AlarmTopicArn.Export!.Name).toBe(ALARM_TOPIC_EXPORT);
  });

  it("has the stage's one dashboard, with every API service and every table on it", () => {
    const [[, dashboard]] = ofType(shared, 'AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties!.DashboardName).toBe(`platform-${STAGE}`);
    const body = dashboard.Properties!.DashboardBody['Fn::Sub'] as string;
    for (const service of API_SERVICES) expect(body).toContain(`"ApiName","${STAGE}-${service}"`);
    for (const table of SERVICES.flatMap(tableDefinitions)) expect(body).toContain(`platform-${STAGE}-${table.name}`);
  });

  it('is the only place the topic and the dashboard are defined', () => {
    const elsewhere = API_SERVICES.flatMap((s) =>
      [...ofType(templates[s], 'AWS::SNS::Topic'), ...ofType(templates[s], 'AWS::CloudWatch::Dashboard')].map(([id]) => `${s}.${id}`),
    );
    expect(elsewhere).toEqual([]);
  });
});

(SERVICES.includes('loans') ? describe : describe.skip)('loans statistics', () => {
  it('are refreshed by a scheduled function (daily)', () => {
    const rules = ofType(templates.loans, 'AWS::Events::Rule').map(([, r]) => r.Properties!);
    const daily = rules.find((r) => /^(rate\(1 day\)|cron\()/.test(r.ScheduleExpression));
    expect(daily?.State ?? 'ENABLED').toBe('ENABLED');
    expect(JSON.stringify(daily?.Targets)).toMatch(/LambdaFunction/);
  });
});
