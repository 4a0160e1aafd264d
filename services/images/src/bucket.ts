/** The gift images bucket (platform-<stage>-gift-images) and what clients see of an image. */

import { bucketFromEnv } from '@platform/libs/storage';
import type { GiftImage } from '@platform/gift-tracker/model';

export const imagesBucket = (): string => bucketFromEnv('GIFT_IMAGES_BUCKET');

/** Both the upload form and the download link live 5 minutes. */
export const LINK_SECONDS = 300;

/** The object key stays server-side: clients address images by id. */
export function publicImage(image: GiftImage) {
  const { key: _key, ...rest } = image;
  return rest;
}
