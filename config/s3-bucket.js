// CloudFormation for the platform's S3 buckets (docs/infrastructure.md): public access blocked,
// encryption, TLS only, CORS for the stage's origins, STANDARD_IA after 30 days and, per bucket,
// an expiry (gift images: 365 days) or none (loan documents are kept). The loan documents bucket
// is versioned: a document replaced or deleted by mistake can be restored for 30 days, after
// which its old version is deleted (gift images are not versioned: a photo is replaced by a new key).
//
// In a service's serverless.ts:
//   resources: [{ Resources: '${file(../../config/s3-bucket.js):giftImages}' }]
//   resources: [{ Resources: '${file(../../config/s3-bucket.js):loanDocuments}' }]
// Each gives <Name>Bucket and <Name>BucketPolicy; the name is platform-<stage>-<bucket>, the one
// the functions' environment and IAM statements use and the one `npm start` creates locally.

const BUCKETS = {
  giftImages: { name: 'gift-images', expireAfterDays: 365, keepReplacedForDays: null, methods: ['GET', 'POST', 'HEAD'] },
  loanDocuments: { name: 'loan-documents', expireAfterDays: null, keepReplacedForDays: 30, methods: ['GET', 'POST', 'HEAD'] },
};

const logicalId = (key) => `${key[0].toUpperCase()}${key.slice(1)}Bucket`;

function bucketResources(key, { stage, origins }) {
  const spec = BUCKETS[key];
  const id = logicalId(key);
  const rules = [
    { Id: 'infrequent-access-after-30-days', Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] },
    // Presigned POSTs that never finish would otherwise be billed forever.
    { Id: 'abort-incomplete-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
  ];
  if (spec.expireAfterDays) rules.push({ Id: `delete-after-${spec.expireAfterDays}-days`, Status: 'Enabled', ExpirationInDays: spec.expireAfterDays });
  if (spec.keepReplacedForDays) {
    // Counted from the day a version is replaced or deleted; a delete marker left with no older
    // version behind it is removed too, so a deleted document leaves nothing after that.
    rules.push({
      Id: `delete-replaced-versions-after-${spec.keepReplacedForDays}-days`,
      Status: 'Enabled',
      NoncurrentVersionExpiration: { NoncurrentDays: spec.keepReplacedForDays },
      ExpiredObjectDeleteMarker: true,
    });
  }
  const arn = { 'Fn::GetAtt': [id, 'Arn'] };
  return {
    [id]: {
      Type: 'AWS::S3::Bucket',
      // Users' photos and borrowers' documents outlive a stack that is removed by mistake.
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketName: `platform-${stage}-${spec.name}`,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        ...(spec.keepReplacedForDays ? { VersioningConfiguration: { Status: 'Enabled' } } : {}),
        // Browsers upload with presigned POSTs and read with presigned GETs, from the stage's origins only.
        CorsConfiguration: {
          CorsRules: [{ AllowedOrigins: origins, AllowedMethods: spec.methods, AllowedHeaders: ['*'], ExposedHeaders: ['ETag'], MaxAge: 3000 }],
        },
        LifecycleConfiguration: { Rules: rules },
        Tags: [{ Key: 'platform:bucket', Value: spec.name }],
      },
    },
    [`${id}Policy`]: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [arn, { 'Fn::Join': ['', [arn, '/*']] }],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
  };
}

async function settings(resolveVariable) {
  const stage = await resolveVariable('sls:stage');
  const origins = await resolveVariable(`file(../../config/stages.yml):${stage}.corsOrigins`);
  return { stage, origins };
}

module.exports.giftImages = async ({ resolveVariable }) => bucketResources('giftImages', await settings(resolveVariable));
module.exports.loanDocuments = async ({ resolveVariable }) => bucketResources('loanDocuments', await settings(resolveVariable));
module.exports.bucketResources = bucketResources;
module.exports.BUCKETS = BUCKETS;
