// Contacts of the Gift Tracker. Owns the `gift-tracker` table that the events, gifts and images
// services share (docs/gift-tracker.md): deploy this service first.
import { defineService, dynamodb, index, query, read, secrets, table } from '../../config/service';

const giftTracker = table('gift-tracker');

export = defineService({
  service: 'contacts',
  ownsTables: true,
  functions: {
    create: {
      handler: 'src/handlers/create.handler',
      http: 'POST /contacts',
      grants: [dynamodb(['PutItem'], giftTracker)],
    },
    list: {
      handler: 'src/handlers/list.handler',
      http: 'GET /contacts',
      grants: [secrets('cursor-secret'), query(index('gift-tracker', 'gsi1'))],
    },
    get: {
      handler: 'src/handlers/get.handler',
      http: 'GET /contacts/{contactId}',
      grants: [read(giftTracker)],
    },
    patch: {
      handler: 'src/handlers/patch.handler',
      http: 'PATCH /contacts/{contactId}',
      // The contact and its birthday's calendar companion in one transaction: put, or delete when it has no birthday.
      grants: [dynamodb(['GetItem', 'PutItem', 'DeleteItem'], giftTracker)],
    },
    remove: {
      handler: 'src/handlers/remove.handler',
      timeout: 29,
      http: 'DELETE /contacts/{contactId}',
      grants: [
        dynamodb(['DeleteItem', 'UpdateItem', 'GetItem'], giftTracker),
        // gsi1: the user's events (contactIds); gsi4: the contact's gifts
        query(index('gift-tracker', 'gsi1'), index('gift-tracker', 'gsi4')),
      ],
    },
    gifts: {
      handler: 'src/handlers/gifts.handler',
      http: 'GET /contacts/{contactId}/gifts',
      grants: [secrets('cursor-secret'), read(giftTracker), query(index('gift-tracker', 'gsi4'))],
    },
  },
});
