import { route, pathId } from '@platform/libs/http';
import { gifts } from '@platform/gift-tracker/repositories';
import * as routes from '../routes.generated';

/** GET /gifts/{giftId}: one GetItem under the caller's key, so another user's id is a 404. */
export const handler = route(routes.getGift, async ({ params, principal }) => (await gifts.require(principal.userId, pathId(params, 'giftId', 'Gift'))).gift);
