// The stage's one public origin on AWS (services/edge): a CloudFront distribution whose default
// behaviour serves the private web bucket through Origin Access Control, and whose path patterns
// forward each API service's first path segment to that service's API Gateway (caching disabled,
// every viewer header but Host forwarded). Built from the same routing table as the local gateway
// (config/routing.js). docs/infrastructure.md "One origin" has the picture.
const { API_SERVICES, deepLinkFunctionCode, requestIdFunctionCode } = require('./routing');

// AWS managed policies (the same ids in every account).
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const WEB_ORIGIN = 'web';

/** What each API service exports (config/platform-plugin.js): its REST API id. */
const restApiExport = (stage, service) => `platform-${stage}-${service}-rest-api-id`;

function apiOrigin(stage, service) {
  return {
    Id: `api-${service}`,
    DomainName: { 'Fn::Join': ['', [{ 'Fn::ImportValue': restApiExport(stage, service) }, '.execute-api.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
    // The API's stage is the first segment of its URL; CloudFront puts it back in front of the path.
    OriginPath: `/${stage}`,
    CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], HTTPSPort: 443 },
  };
}

function apiBehavior(service) {
  return {
    PathPattern: `/${service}*`,
    TargetOriginId: `api-${service}`,
    ViewerProtocolPolicy: 'https-only',
    AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    CachedMethods: ['GET', 'HEAD'],
    CachePolicyId: CACHING_DISABLED,
    OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
    Compress: true,
    FunctionAssociations: [{ EventType: 'viewer-response', FunctionARN: { 'Fn::GetAtt': ['RequestIdFunction', 'FunctionARN'] } }],
  };
}

/**
 * The resources and outputs of services/edge. `settings`: the stage's config/stages.yml entry
 * (origin, and optionally domainName with certificateArn for the distribution's alias).
 */
function edge({ stage, domainName, certificateArn, origin }) {
  const customDomain = Boolean(domainName);
  const distributionUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Distribution', 'DomainName'] }]] };
  const resources = {
    WebBucket: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketName: `platform-${stage}-web`,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: { Rules: [{ Id: 'old-builds', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }] },
      },
    },
    // Only this distribution may read the bucket (Origin Access Control), and only over TLS.
    WebBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'WebBucket' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'CloudFrontReadsTheWebApps',
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['WebBucket', 'Arn'] }, '/*']] },
              Condition: {
                StringEquals: {
                  'AWS:SourceArn': {
                    'Fn::Join': [
                      '',
                      ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: 'Distribution' }],
                    ],
                  },
                },
              },
            },
            {
              Sid: 'TlsOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [{ 'Fn::GetAtt': ['WebBucket', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['WebBucket', 'Arn'] }, '/*']] }],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
    WebOriginAccessControl: {
      Type: 'AWS::CloudFront::OriginAccessControl',
      Properties: {
        OriginAccessControlConfig: {
          Name: `platform-${stage}-web`,
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      },
    },
    DeepLinkFunction: {
      Type: 'AWS::CloudFront::Function',
      Properties: {
        Name: `platform-${stage}-deep-links`,
        AutoPublish: true,
        FunctionCode: deepLinkFunctionCode,
        FunctionConfig: { Comment: "A web app's deep links are its index.html (config/routing.js webPath)", Runtime: 'cloudfront-js-2.0' },
      },
    },
    RequestIdFunction: {
      Type: 'AWS::CloudFront::Function',
      Properties: {
        Name: `platform-${stage}-request-id`,
        AutoPublish: true,
        FunctionCode: requestIdFunctionCode,
        FunctionConfig: { Comment: "x-request-id on API Gateway's own replies", Runtime: 'cloudfront-js-2.0' },
      },
    },
    Distribution: {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Comment: `platform ${stage}: the web apps and every API at one origin`,
          Enabled: true,
          HttpVersion: 'http2and3',
          IPV6Enabled: true,
          PriceClass: 'PriceClass_100',
          DefaultRootObject: 'index.html',
          ...(customDomain
            ? {
                Aliases: [domainName],
                ViewerCertificate: { AcmCertificateArn: certificateArn, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
              }
            : { ViewerCertificate: { CloudFrontDefaultCertificate: true } }),
          Origins: [
            {
              Id: WEB_ORIGIN,
              DomainName: { 'Fn::GetAtt': ['WebBucket', 'RegionalDomainName'] },
              OriginAccessControlId: { 'Fn::GetAtt': ['WebOriginAccessControl', 'Id'] },
              S3OriginConfig: { OriginAccessIdentity: '' },
            },
            ...API_SERVICES.map((service) => apiOrigin(stage, service)),
          ],
          DefaultCacheBehavior: {
            TargetOriginId: WEB_ORIGIN,
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: ['GET', 'HEAD'],
            CachePolicyId: CACHING_OPTIMIZED,
            Compress: true,
            FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['DeepLinkFunction', 'FunctionARN'] } }],
          },
          CacheBehaviors: API_SERVICES.map(apiBehavior),
        },
      },
    },
  };
  const outputs = {
    OriginUrl: { Description: "the stage's one public origin", Value: customDomain ? `https://${domainName}` : distributionUrl },
    DistributionUrl: { Description: "the distribution's own URL", Value: distributionUrl },
    DistributionId: { Description: 'for `npm run deploy:web` (its invalidation)', Value: { Ref: 'Distribution' } },
    WebBucketName: { Description: 'for `npm run deploy:web`', Value: { Ref: 'WebBucket' } },
    // What the services were configured with (config/stages.yml `origin`): the tokens' issuer and JWKS.
    AuthIssuer: { Value: `${origin}/auth` },
    JwksUrl: { Value: `${origin}/auth/.well-known/jwks.json` },
  };
  return { Resources: resources, Outputs: outputs };
}

/** The stage's settings, as the framework resolves them (config/stages.yml). */
async function fromStage(resolveVariable) {
  const stage = await resolveVariable('sls:stage');
  const setting = (key) => resolveVariable(`self:custom.stage.${key}`);
  return edge({ stage, origin: await setting('origin'), domainName: await setting('domainName'), certificateArn: await setting('certificateArn') });
}

module.exports = {
  edge,
  restApiExport,
  resources: async ({ resolveVariable }) => (await fromStage(resolveVariable)).Resources,
  outputs: async ({ resolveVariable }) => (await fromStage(resolveVariable)).Outputs,
};
