/** Gift photos over HTTP and a real S3 emulator: presigned POST upload, HeadObject check, presigned GET, deletion. */
import { randomBytes } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Schema } from '@platform/api-client';
import { errorOf, expectData } from '../../../../test/support/http';
import { at, createGift, dbCalls, newPerson, type Person } from '../../../../test/support/gift-tracker';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3000)]);

let alice: Person;
let bob: Person;

beforeAll(async () => {
  [alice, bob] = await Promise.all([newPerson(), newPerson()]);
});

interface Upload {
  url: string;
  fields: Record<string, string>;
}

/** What a browser does with the presigned POST: a multipart form, fields first, the file last. */
async function uploadTo(upload: Upload, bytes: Buffer, overrides: Record<string, string> = {}): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...overrides })) form.append(name, value);
  form.append('file', new Blob([bytes]), 'photo');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

const s3 = () =>
  new S3Client({
    endpoint: process.env.S3_ENDPOINT,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

async function objectExists(key: string): Promise<boolean> {
  const client = s3();
  try {
    await client.send(new HeadObjectCommand({ Bucket: process.env.GIFT_IMAGES_BUCKET, Key: key }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** POST /images, asserting 201: the reply's data, and its response (for x-db-calls). */
async function newImage(person: Person, giftId: string, contentType: Schema<'Image'>['contentType'] = 'image/png', size = PNG.length) {
  const reply = await person.client.POST('/images', { body: { giftId, contentType, size } });
  return { ...expectData(reply, 201), response: reply.response };
}

/** The decoded POST policy (the S3 document: its conditions). */
const policyOf = (upload: Upload): { conditions: unknown[] } => JSON.parse(Buffer.from(upload.fields.Policy, 'base64').toString('utf8'));

const image = (imageId: string) => at({ imageId });

describe('the upload flow', () => {
  it('uploads through the presigned POST, completes, and downloads the same bytes', async () => {
    const gift = await createGift(alice);
    const created = await newImage(alice, gift.id);
    const { imageId, upload, expiresAt } = created;
    const key = `${alice.userId}/${gift.id}/${imageId}`;

    expect(dbCalls(created.response)).toBeLessThanOrEqual(2);
    expect(upload.fields.key).toBe(key);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(290_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(policyOf(upload).conditions).toEqual(
      expect.arrayContaining([{ key }, ['eq', '$Content-Type', 'image/png'], ['content-length-range', PNG.length, PNG.length]]),
    );

    expect(await uploadTo(upload, PNG)).toBeLessThan(300);
    const completed = expectData(await alice.client.POST('/images/{imageId}/complete', image(imageId)), 200);
    expect(completed).toMatchObject({ id: imageId, giftId: gift.id, contentType: 'image/png', size: PNG.length, status: 'uploaded' });
    expect((await alice.client.GET('/gifts/{giftId}', at({ giftId: gift.id }))).data?.images).toEqual([imageId]);

    const read = await alice.client.GET('/images/{imageId}', image(imageId));
    const photo = expectData(read, 200);
    expect(photo).toMatchObject({ contentType: 'image/png', size: PNG.length });
    const download = await fetch(photo.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect(dbCalls(read.response)).toBeLessThanOrEqual(2);
  });

  it('answers 409 NOT_UPLOADED to complete and to GET before anything was uploaded', async () => {
    const gift = await createGift(alice);
    const { imageId } = await newImage(alice, gift.id);

    const complete = await alice.client.POST('/images/{imageId}/complete', image(imageId));
    expect(complete.response.status).toBe(409);
    expect(complete.error?.error.code).toBe('NOT_UPLOADED');
    const get = await alice.client.GET('/images/{imageId}', image(imageId));
    expect(get.response.status).toBe(409);
    expect(get.error?.error.code).toBe('NOT_UPLOADED');
    expect((await alice.client.GET('/gifts/{giftId}', at({ giftId: gift.id }))).data?.images).toEqual([]);
  });

  it.each([
    ['a type that is not an allowed image', { contentType: 'image/svg+xml' }, 'contentType'],
    ['a size over 10 MiB', { size: 10 * 1024 * 1024 + 1 }, 'size'],
    ['an empty file', { size: 0 }, 'size'],
    ['a fractional size', { size: 10.5 }, 'size'],
  ])('refuses %s with 400', async (_, change, field) => {
    // invalid bodies (an image type the request schema does not allow): sent with api()
    const gift = await createGift(alice);
    const reply = await alice.call('POST', '/images', { body: { giftId: gift.id, contentType: 'image/png', size: 100, ...change } });

    expect(reply.status).toBe(400);
    expect(errorOf(reply).details).toContainEqual(expect.objectContaining({ field }));
  });

  it('refuses to complete an upload whose type differs from the declared one, and removes the object', async () => {
    const gift = await createGift(alice);
    const { imageId, upload } = await newImage(alice, gift.id, 'image/jpeg');

    expect(await uploadTo(upload, PNG, { 'Content-Type': 'text/html' })).toBeLessThan(300);
    const complete = await alice.client.POST('/images/{imageId}/complete', image(imageId));

    expect(complete.response.status).toBe(409);
    expect(complete.error?.error.code).toBe('UPLOAD_MISMATCH');
    expect(complete.error?.error.details).toContainEqual(expect.objectContaining({ field: 'contentType' }));
    expect(await objectExists(upload.fields.key)).toBe(false);
    expect((await alice.client.GET('/images/{imageId}', image(imageId))).response.status).toBe(409);
  });

  it('refuses to complete an upload of another size than declared', async () => {
    const gift = await createGift(alice);
    const { imageId, upload } = await newImage(alice, gift.id, 'image/png', PNG.length + 1);

    await uploadTo(upload, PNG);
    const complete = await alice.client.POST('/images/{imageId}/complete', image(imageId));

    expect(complete.response.status).toBe(409);
    expect(complete.error?.error.details).toContainEqual(expect.objectContaining({ field: 'size' }));
  });
});

describe('deleting', () => {
  async function uploadedImage(person: Person, giftId: string): Promise<{ imageId: string; key: string }> {
    const { imageId, upload } = await newImage(person, giftId);
    await uploadTo(upload, PNG);
    expectData(await person.client.POST('/images/{imageId}/complete', image(imageId)), 200);
    return { imageId, key: upload.fields.key };
  }

  it('DELETE /images/{id} removes the object and the reference', async () => {
    const gift = await createGift(alice);
    const { imageId, key } = await uploadedImage(alice, gift.id);

    expect((await alice.client.DELETE('/images/{imageId}', image(imageId))).response.status).toBe(204);
    expect((await alice.client.GET('/images/{imageId}', image(imageId))).response.status).toBe(404);
    expect((await alice.client.DELETE('/images/{imageId}', image(imageId))).response.status).toBe(404);
    expect(await objectExists(key)).toBe(false);
    expect((await alice.client.GET('/gifts/{giftId}', at({ giftId: gift.id }))).data?.images).toEqual([]);
  });

  it('deleting a gift removes its images, pending ones included', async () => {
    const gift = await createGift(alice);
    const done = await uploadedImage(alice, gift.id);
    const pending = await newImage(alice, gift.id);
    await uploadTo(pending.upload, PNG);

    expect((await alice.client.DELETE('/gifts/{giftId}', at({ giftId: gift.id }))).response.status).toBe(204);
    expect((await alice.client.GET('/images/{imageId}', image(done.imageId))).response.status).toBe(404);
    expect((await alice.client.GET('/images/{imageId}', image(pending.imageId))).response.status).toBe(404);
    expect(await objectExists(done.key)).toBe(false);
    expect(await objectExists(pending.upload.fields.key)).toBe(false);
  });
});

describe('ownership', () => {
  it("refuses an image for another user's gift with 404", async () => {
    const gift = await createGift(alice);

    expect((await bob.client.POST('/images', { body: { giftId: gift.id, contentType: 'image/png', size: 10 } })).response.status).toBe(404);
  });

  it("answers 404 to another user for each of a user's images", async () => {
    const gift = await createGift(alice);
    const { imageId } = await newImage(alice, gift.id);

    expect((await bob.client.GET('/images/{imageId}', image(imageId))).response.status).toBe(404);
    expect((await bob.client.POST('/images/{imageId}/complete', image(imageId))).response.status).toBe(404);
    expect((await bob.client.DELETE('/images/{imageId}', image(imageId))).response.status).toBe(404);
    expect((await alice.client.POST('/images/{imageId}/complete', image(imageId))).response.status).toBe(409);
  });
});
