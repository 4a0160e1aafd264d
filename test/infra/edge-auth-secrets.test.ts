/**
 * The production shape of issue "one product on AWS", read from the packaged prod templates: one
 * origin (the edge distribution), one authorizer in front of every authenticated route, and no
 * secret in any template or environment variable. The CloudFront Functions' code is run here too.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { API_SERVICES, deepLinkFunctionCode, requestIdFunctionCode, WEB_APPS } from '../../config/routing';
import { REPO_ROOT } from '../../scripts/infra/packager';
import { EXAMPLE_PROD_SETTINGS } from './global-setup';
import { ofType, type Resource, SERVICES, template } from './templates';

const STAGE = 'prod';
const edge = template('edge');
const distribution = edge.Resources.Distribution.Properties?.DistributionConfig;

describe('one origin: the edge distribution', () => {
  it('serves the private web bucket through Origin Access Control by default, rewriting deep links with a function', () => {
    const web = distribution.Origins.find((o: { Id: string }) => o.Id === distribution.DefaultCacheBehavior.TargetOriginId);
    expect(web.DomainName).toEqual({ 'Fn::GetAtt': ['WebBucket', 'RegionalDomainName'] });
    expect(web.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['WebOriginAccessControl', 'Id'] });
    expect(edge.Resources.WebBucket.Properties?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const [allow] = edge.Resources.WebBucketPolicy.Properties!.PolicyDocument.Statement;
    expect(allow.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(allow.Condition)).toContain(':distribution/');
    expect(distribution.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['DeepLinkFunction', 'FunctionARN'] } },
    ]);
    // Deep links by the function, never by turning errors into 200 (that would hide the API's 404s).
    expect(distribution.CustomErrorResponses).toBeUndefined();
  });

  it.each(API_SERVICES)('forwards /%s* to that service API, uncached, every viewer header but Host', (service) => {
    const behavior = distribution.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === `/${service}*`);
    expect(behavior).toEqual(
      expect.objectContaining({
        TargetOriginId: `api-${service}`,
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
      }),
    );
    const origin = distribution.Origins.find((o: { Id: string }) => o.Id === `api-${service}`);
    expect(JSON.stringify(origin.DomainName)).toContain(`platform-${STAGE}-${service}-rest-api-id`);
    expect(origin.OriginPath).toBe(`/${STAGE}`);
    // ...which that service exports.
    expect(template(service).Outputs?.RestApiId?.Export?.Name).toBe(`platform-${STAGE}-${service}-rest-api-id`);
  });

  it('answers at the configured domain with its certificate; the issuer and JWKS derive from that origin', () => {
    expect(distribution.Aliases).toEqual([EXAMPLE_PROD_SETTINGS.DOMAIN_NAME]);
    expect(distribution.ViewerCertificate.AcmCertificateArn).toBe(EXAMPLE_PROD_SETTINGS.CERTIFICATE_ARN);
    expect(edge.Outputs?.OriginUrl.Value).toBe(EXAMPLE_PROD_SETTINGS.PUBLIC_ORIGIN);
    expect(edge.Outputs?.AuthIssuer.Value).toBe(`${EXAMPLE_PROD_SETTINGS.PUBLIC_ORIGIN}/auth`);
    for (const service of API_SERVICES) {
      for (const [, fn] of ofType(template(service), 'AWS::Lambda::Function')) {
        const env = fn.Properties?.Environment?.Variables ?? {};
        expect(env.AUTH_ISSUER).toBe(`${EXAMPLE_PROD_SETTINGS.PUBLIC_ORIGIN}/auth`);
        expect(env.AUTH_JWKS_URL).toBe(`${EXAMPLE_PROD_SETTINGS.PUBLIC_ORIGIN}/auth/.well-known/jwks.json`);
        expect(env.CORS_ORIGINS).toBe(EXAMPLE_PROD_SETTINGS.PUBLIC_ORIGIN);
      }
    }
    expect(JSON.stringify(SERVICES.map(template))).not.toMatch(/api\.example\.com|prodpool|prod-client-id/);
  });
});

describe('the CloudFront Functions, run as CloudFront runs them', () => {
  const viewerRequest = (uri: string): string =>
    runInNewContext(`${deepLinkFunctionCode}\nhandler(event)`, { event: { request: { uri, method: 'GET', headers: {} } } }).uri;

  it.each([
    ['/', '/index.html'],
    ...WEB_APPS.flatMap((app) => [
      [`/${app}`, `/${app}/index.html`],
      [`/${app}/`, `/${app}/index.html`],
      [`/${app}/loans/01JABCDEF`, `/${app}/index.html`],
      [`/${app}/a/deep/link`, `/${app}/index.html`],
      [`/${app}/favicon.svg`, `/${app}/favicon.svg`],
    ]),
    ['/assets/index-3f2a.js', '/assets/index-3f2a.js'],
    ['/robots.txt', '/robots.txt'],
  ])('the web bucket is asked for %s as %s', (uri, expected) => {
    expect(viewerRequest(uri)).toBe(expected);
  });

  it("copies API Gateway's request id into x-request-id when a reply has none (its gateway responses)", () => {
    const run = (headers: Record<string, { value: string }>) =>
      runInNewContext(`${requestIdFunctionCode}\nhandler(event)`, { event: { response: { headers } } }).headers;
    expect(run({ 'x-amzn-requestid': { value: 'abc-123' } })['x-request-id']).toEqual({ value: 'abc-123' });
    expect(run({ 'x-amzn-requestid': { value: 'abc' }, 'x-request-id': { value: 'mine' } })['x-request-id']).toEqual({ value: 'mine' });
  });
});

describe('authentication in one place: the authorizer', () => {
  it.each(API_SERVICES)('%s: every route but the public ones goes through its TOKEN authorizer, cached 300 s', (service) => {
    const t = template(service);
    const authorizers = ofType(t, 'AWS::ApiGateway::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [id, authorizer] = authorizers[0];
    expect(authorizer.Properties).toEqual(
      expect.objectContaining({ Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization', AuthorizerResultTtlInSeconds: 300 }),
    );
    const methods = ofType(t, 'AWS::ApiGateway::Method').filter(([, m]) => m.Properties?.HttpMethod !== 'OPTIONS');
    const open = methods.filter(([, m]) => m.Properties?.AuthorizationType !== 'CUSTOM').map(([mid]) => mid);
    expect(open).toEqual(service === 'auth' ? expect.arrayContaining([expect.stringMatching(/Login/), expect.stringMatching(/Register/)]) : []);
    for (const [, m] of methods.filter(([, m]) => m.Properties?.AuthorizationType === 'CUSTOM')) expect(m.Properties?.AuthorizerId).toEqual({ Ref: id });
  });

  it('only the authorizers and the auth and users services may write to the identity table', () => {
    const writers: string[] = [];
    for (const service of API_SERVICES) {
      const t = template(service);
      for (const [roleId, role] of ofType(t, 'AWS::IAM::Role')) {
        const text = JSON.stringify(role.Properties?.Policies ?? []);
        if (/platform-\$\{sls:stage\}-identity|platform-prod-identity/.test(text) && /dynamodb:(PutItem|UpdateItem|DeleteItem)/.test(text))
          writers.push(`${service}.${roleId}`);
      }
    }
    const unexpected = writers.filter((w) => !w.startsWith('auth.') && !w.startsWith('users.') && !/\.AuthorizerIamRoleLambdaExecution$/.test(w));
    expect(unexpected).toEqual([]);
  });

  it.each(API_SERVICES)('%s: only the authorizer bundle carries jose (token verification)', (service) => {
    // Each function's zip (package.individually); jose's error class names survive minification.
    const dir = join(REPO_ROOT, 'services', service, '.serverless');
    const carriesJose = (fn: string) => {
      const out = spawnSync('unzip', ['-p', join(dir, `${fn}.zip`), '*.js'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(out.status).toBe(0);
      return out.stdout.includes('JWTClaimValidationFailed');
    };
    const functions = ofType(template(service), 'AWS::Lambda::Function').map(([, fn]) =>
      String(fn.Properties?.FunctionName).slice(`${service}-${STAGE}-`.length),
    );
    expect(functions).toContain('authorizer');
    expect(functions.filter(carriesJose)).toEqual(['authorizer']);
  });
});

describe('no secret in a template or an environment variable', () => {
  const allTemplates = SERVICES.map((s) => [s, template(s)] as const);

  it.each(allTemplates)('%s: no key material, no dynamic secret reference', (_service, t) => {
    const text = JSON.stringify(t);
    expect(text).not.toMatch(/resolve:secretsmanager|"d":"|PRIVATE KEY|AUTH_SIGNING_KEY|CURSOR_SECRET/);
  });

  it.each(API_SERVICES)('%s: functions read secrets by name, with a grant on exactly those secrets', (service) => {
    for (const [, fn] of ofType(template(service), 'AWS::Lambda::Function')) {
      const env = (fn as Resource).Properties?.Environment?.Variables ?? {};
      expect(env.SECRETS_PREFIX).toBe(`platform/${STAGE}/`);
      expect(env.SECRETS_DIR).toBe('');
    }
    const grants = ofType(template(service), 'AWS::IAM::Role').flatMap(([, r]) =>
      (r.Properties?.Policies ?? []).flatMap(
        (p: { PolicyDocument: { Statement: Array<{ Action: string[]; Resource: unknown[] }> } }) => p.PolicyDocument.Statement,
      ),
    );
    for (const g of grants.filter((s) => s.Action.includes('secretsmanager:GetSecretValue'))) {
      expect(JSON.stringify(g.Resource)).toMatch(
        /:secret:platform\/\$\{sls:stage\}\/(auth-signing-key|cursor-secret)-\?{6}|:secret:platform\/prod\/(auth-signing-key|cursor-secret)-\?{6}/,
      );
    }
  });
});
