import { nowIso } from '@platform/libs/dates';
import { created, route } from '@platform/libs/http';
import { newId } from '@platform/libs/ids';
import { images } from '@platform/gift-tracker/repositories';
import { presignedPost } from '@platform/libs/storage';
import { imagesBucket, LINK_SECONDS } from '../bucket';
import * as routes from '../routes.generated';

/**
 * POST /images: records a pending image of one of the caller's gifts (404 otherwise) and answers
 * a presigned POST whose policy pins the key <userId>/<giftId>/<imageId>, the declared type, the
 * declared size (at most 10 MiB) and a 5-minute expiry.
 */
export const handler = route(routes.createImage, async ({ body, principal }) => {
  const id = newId();
  const key = `${principal.userId}/${body.giftId}/${id}`;
  await images.create(principal.userId, {
    id,
    giftId: body.giftId,
    contentType: body.contentType,
    size: body.size,
    key,
    status: 'pending',
    createdAt: nowIso(),
  });
  const { url, fields, expiresAt } = await presignedPost({
    bucket: imagesBucket(),
    key,
    contentType: body.contentType,
    minBytes: body.size,
    maxBytes: body.size,
    expiresSeconds: LINK_SECONDS,
  });
  return created({ imageId: id, upload: { url, fields }, expiresAt });
});
