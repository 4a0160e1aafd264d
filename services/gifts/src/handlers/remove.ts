import { NotFound } from '@platform/libs/errors';
import { noContent, route, pathId } from '@platform/libs/http';
import { gifts, images } from '@platform/gift-tracker/repositories';
import { bucketFromEnv, removeMany } from '@platform/libs/storage';
import * as routes from '../routes.generated';

/**
 * DELETE /gifts/{giftId}: the gift, then its images (objects and records). The gift goes first so
 * no image can be added meanwhile; a repeated DELETE finishes an interrupted one.
 */
export const handler = route(routes.deleteGift, async ({ params, principal }) => {
  const id = pathId(params, 'giftId', 'Gift');
  const removed = await gifts.remove(principal.userId, id);
  const photos = await images.ofGift(principal.userId, id);
  if (!removed && photos.length === 0) throw new NotFound('Gift');
  await removeMany(
    bucketFromEnv('GIFT_IMAGES_BUCKET'),
    photos.map((p) => p.key),
  );
  await images.removeAll(principal.userId, photos);
  return noContent();
});
