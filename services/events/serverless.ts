// Events (occasions) of the Gift Tracker: CRUD, the upcoming calendar, the budget summary.
// Uses the `gift-tracker` table owned by the contacts service, and reads profiles (timezone)
// from the `identity` table owned by auth.
import { defineService, dynamodb, index, query, read, secrets, table } from '../../config/service';

const giftTracker = table('gift-tracker');
const eventPartition = index('gift-tracker', 'gsi3');

export = defineService({
  service: 'events',
  functions: {
    create: {
      handler: 'src/handlers/create.handler',
      http: 'POST /events',
      grants: [dynamodb(['PutItem', 'ConditionCheckItem'], giftTracker)],
    },
    list: {
      handler: 'src/handlers/list.handler',
      http: 'GET /events',
      grants: [secrets('cursor-secret'), query(index('gift-tracker', 'gsi1'))],
    },
    upcoming: {
      handler: 'src/handlers/upcoming.handler',
      http: 'GET /events/upcoming',
      grants: [query(index('gift-tracker', 'gsi2')), read(table('identity'))],
    },
    get: {
      handler: 'src/handlers/get.handler',
      http: 'GET /events/{eventId}',
      grants: [read(giftTracker)],
    },
    summary: {
      handler: 'src/handlers/summary.handler',
      http: 'GET /events/{eventId}/summary',
      grants: [dynamodb(['BatchGetItem'], giftTracker), query(eventPartition)],
    },
    patch: {
      handler: 'src/handlers/patch.handler',
      http: 'PATCH /events/{eventId}',
      grants: [dynamodb(['GetItem', 'PutItem', 'ConditionCheckItem'], giftTracker), query(eventPartition)],
    },
    remove: {
      handler: 'src/handlers/remove.handler',
      timeout: 29,
      http: 'DELETE /events/{eventId}',
      grants: [dynamodb(['DeleteItem', 'UpdateItem'], giftTracker), query(eventPartition)],
    },
  },
});
