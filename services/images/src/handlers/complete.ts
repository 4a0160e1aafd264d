import { Conflict } from '@platform/libs/errors';
import { route, pathId } from '@platform/libs/http';
import { images } from '@platform/gift-tracker/repositories';
import { head, remove } from '@platform/libs/storage';
import { imagesBucket, publicImage } from '../bucket';
import * as routes from '../routes.generated';

/**
 * POST /images/{imageId}/complete: attaches the image to its gift once S3 really holds an object
 * of the declared type and size (HeadObject): nothing there is 409 NOT_UPLOADED; another type or
 * size is 409 UPLOAD_MISMATCH and the object is deleted, so the client can upload again.
 */
export const handler = route(routes.completeImage, async ({ params, principal }) => {
  const image = await images.require(principal.userId, pathId(params, 'imageId', 'Image'));
  if (image.status === 'uploaded') return publicImage(image);
  const object = await head(imagesBucket(), image.key);
  if (!object) throw new Conflict('Nothing has been uploaded for this image yet', 'NOT_UPLOADED');
  const details = [
    ...(object.contentType !== image.contentType
      ? [{ field: 'contentType', message: `declared ${image.contentType}, uploaded ${object.contentType ?? 'none'}` }]
      : []),
    ...(object.size !== image.size ? [{ field: 'size', message: `declared ${image.size} bytes, uploaded ${object.size}` }] : []),
  ];
  if (details.length) {
    await remove(imagesBucket(), image.key);
    throw new Conflict('The uploaded object is not what was declared', 'UPLOAD_MISMATCH', details);
  }
  return publicImage(await images.markUploaded(principal.userId, image));
});
