/** The images service's routes: what each accepts and answers. `npm run contract` generates from here the route table its handlers load (routes.generated.js, with the validators), the types and OpenAPI. */
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '@platform/gift-tracker/model';
import { Body, defineRoutes, Id, IdParams, Instant, StringEnum } from '@platform/libs/contract';
import { Type } from '@sinclair/typebox';

const ContentType = Type.Union(IMAGE_TYPES.map((t) => Type.Literal(t)));

/** An image as the API shows it (its object key stays server-side). */
export const Image = Type.Object(
  {
    id: Id,
    giftId: Id,
    contentType: ContentType,
    size: Type.Integer({ minimum: 1, maximum: MAX_IMAGE_BYTES, description: 'bytes, as declared' }),
    status: Type.Union([Type.Literal('pending'), Type.Literal('uploaded')]),
    createdAt: Instant,
    uploadedAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
);

/** A presigned POST: send a multipart form with every field, then the file last, to `url`. */
const Upload = Type.Object(
  {
    url: Type.String({ description: 'the bucket URL to POST the form to' }),
    fields: Type.Record(Type.String(), Type.String(), { description: 'form fields to send as they are (key, policy, signature...), before the file' }),
  },
  { additionalProperties: false },
);

const ImageParams = IdParams('imageId');

export const routes = defineRoutes('images', {
  createImage: {
    method: 'POST',
    path: '/images',
    summary: 'Start the upload of a photo of one of your gifts',
    description:
      'Records a pending image and answers a presigned POST whose policy pins the key, the declared type and the exact declared size (at most 10 MiB), valid 5 minutes. Upload, then call complete.',
    body: Body({
      giftId: Id,
      contentType: StringEnum(IMAGE_TYPES),
      size: Type.Integer({ minimum: 1, maximum: MAX_IMAGE_BYTES, description: 'the exact size of the file, in bytes' }),
    }),
    responses: {
      201: Type.Object(
        { imageId: Id, upload: Upload, expiresAt: Type.String({ format: 'date-time', description: 'when the upload form stops working' }) },
        { additionalProperties: false },
      ),
    },
    errors: [404],
  },
  completeImage: {
    method: 'POST',
    path: '/images/{imageId}/complete',
    summary: 'Attach an uploaded photo to its gift',
    description:
      'Checks that the bucket holds an object of the declared type and size: nothing there is 409 NOT_UPLOADED; another type or size is 409 UPLOAD_MISMATCH (the object is deleted, upload again). Completing twice answers the image again.',
    params: ImageParams,
    responses: { 200: Image },
    errors: [404, 409],
  },
  getImage: {
    method: 'GET',
    path: '/images/{imageId}',
    summary: 'A completed photo with a 5-minute download link',
    params: ImageParams,
    responses: {
      200: Type.Object(
        { ...Image.properties, url: Type.String({ description: 'presigned GET, valid 5 minutes' }), expiresAt: Instant },
        { additionalProperties: false },
      ),
    },
    errors: [404, 409],
  },
  deleteImage: {
    method: 'DELETE',
    path: '/images/{imageId}',
    summary: 'Delete a photo (the object, the record and its place on the gift)',
    params: ImageParams,
    responses: { 204: null },
    errors: [404],
  },
});
