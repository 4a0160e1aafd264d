import { Conflict } from '@platform/libs/errors';
import { route, pathId } from '@platform/libs/http';
import { images } from '@platform/gift-tracker/repositories';
import { presignedGet } from '@platform/libs/storage';
import { imagesBucket, LINK_SECONDS, publicImage } from '../bucket';
import * as routes from '../routes.generated';

/** GET /images/{imageId}: the image with a 5-minute presigned GET; 409 NOT_UPLOADED before `complete`. */
export const handler = route(routes.getImage, async ({ params, principal }) => {
  const image = await images.require(principal.userId, pathId(params, 'imageId', 'Image'));
  if (image.status !== 'uploaded') throw new Conflict('This image has not been uploaded and completed yet', 'NOT_UPLOADED');
  const { url, expiresAt } = await presignedGet(imagesBucket(), image.key, LINK_SECONDS);
  return { ...publicImage(image), url, expiresAt };
});
