// Gifts of the Gift Tracker: given and received, their status flow, links to a contact and an
// event of the same user. Uses the `gift-tracker` table owned by the contacts service; deleting a
// gift deletes its images from the images service's bucket.
import { defineService, dynamodb, index, objects, physicalName, query, read, secrets, table } from '../../config/service';

const giftTracker = table('gift-tracker');
// Put the gift; check the contact; check (or set the currency of) the event; on refusal, read the event.
const writeWithLinks = dynamodb(['PutItem', 'ConditionCheckItem', 'UpdateItem', 'GetItem'], giftTracker);
// gsi2: same-name gifts of a contact; gsi3: an event's gifts (currency check)
const eventAndNameQueries = query(index('gift-tracker', 'gsi2'), index('gift-tracker', 'gsi3'));

export = defineService({
  service: 'gifts',
  functions: {
    create: {
      handler: 'src/handlers/create.handler',
      http: 'POST /gifts',
      grants: [writeWithLinks, eventAndNameQueries],
    },
    list: {
      handler: 'src/handlers/list.handler',
      http: 'GET /gifts',
      grants: [secrets('cursor-secret'), query(...['gsi1', 'gsi3', 'gsi4', 'gsi5', 'gsi6'].map((gsi) => index('gift-tracker', gsi)))],
    },
    get: {
      handler: 'src/handlers/get.handler',
      http: 'GET /gifts/{giftId}',
      grants: [read(giftTracker)],
    },
    patch: {
      handler: 'src/handlers/patch.handler',
      http: 'PATCH /gifts/{giftId}',
      grants: [writeWithLinks, eventAndNameQueries],
    },
    remove: {
      handler: 'src/handlers/remove.handler',
      timeout: 29,
      environment: { GIFT_IMAGES_BUCKET: physicalName('gift-images') },
      http: 'DELETE /gifts/{giftId}',
      grants: [dynamodb(['DeleteItem', 'BatchWriteItem'], giftTracker), query(index('gift-tracker', 'gsi4')), objects('gift-images', 'delete')],
    },
  },
});
