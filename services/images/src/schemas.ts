/** Request bodies of the images service. */
import { schemas } from '@platform/libs/http';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Both the upload form and the download link live 5 minutes. */
export const LINK_SECONDS = 300;

export const imageCreate = schemas.object(
  {
    giftId: schemas.id,
    contentType: { type: 'string', enum: [...IMAGE_TYPES] },
    size: { type: 'integer', minimum: 1, maximum: MAX_IMAGE_BYTES },
  },
  ['giftId', 'contentType', 'size'],
);
