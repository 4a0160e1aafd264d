// Photos of gifts: presigned POST uploads straight to S3, checked with HeadObject before they are
// attached; presigned GET downloads. Owns the gift images bucket; records live in the
// `gift-tracker` table owned by the contacts service.
import { defineService, dynamodb, objects, physicalName, read, table } from '../../config/service';

const giftTracker = table('gift-tracker');
// platform-local-gift-images on the local stage: the bucket `npm start` creates in s3rver.
const bucket = { GIFT_IMAGES_BUCKET: physicalName('gift-images') };

export = defineService({
  service: 'images',
  functions: {
    create: {
      handler: 'src/handlers/create.handler',
      environment: bucket,
      http: 'POST /images',
      grants: [
        dynamodb(['PutItem', 'ConditionCheckItem'], giftTracker),
        // The presigned POST is signed with this role: it may only put objects in the bucket.
        objects('gift-images', 'put'),
      ],
    },
    complete: {
      handler: 'src/handlers/complete.handler',
      environment: bucket,
      http: 'POST /images/{imageId}/complete',
      grants: [
        dynamodb(['GetItem', 'UpdateItem'], giftTracker),
        // HeadObject needs s3:GetObject; a mismatched upload is deleted.
        objects('gift-images', 'get', 'delete'),
      ],
    },
    get: {
      handler: 'src/handlers/get.handler',
      environment: bucket,
      http: 'GET /images/{imageId}',
      grants: [read(giftTracker), objects('gift-images', 'get')],
    },
    remove: {
      handler: 'src/handlers/remove.handler',
      environment: bucket,
      http: 'DELETE /images/{imageId}',
      grants: [dynamodb(['GetItem', 'DeleteItem', 'UpdateItem'], giftTracker), objects('gift-images', 'delete')],
    },
  },
  resources: [
    // The bucket and its TLS-only policy: public access blocked, SSE, CORS for the stage's origins,
    // STANDARD_IA after 30 days, deleted after 365 days (config/s3-bucket.js, shared with loan documents).
    { Resources: '${file(../../config/s3-bucket.js):giftImages}' },
    { Outputs: { GiftImagesBucketName: { Value: { Ref: 'GiftImagesBucket' } } } },
  ],
});
