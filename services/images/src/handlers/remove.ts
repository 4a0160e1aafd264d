import { noContent, route, pathId } from '@platform/libs/http';
import { images } from '@platform/gift-tracker/repositories';
import { remove } from '@platform/libs/storage';
import { imagesBucket } from '../bucket';
import * as routes from '../routes.generated';

/** DELETE /images/{imageId}: the object, then the record and its place on the gift. */
export const handler = route(routes.deleteImage, async ({ params, principal }) => {
  const image = await images.require(principal.userId, pathId(params, 'imageId', 'Image'));
  await remove(imagesBucket(), image.key);
  await images.remove(principal.userId, image);
  return noContent();
});
