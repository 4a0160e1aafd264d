/** The POST policy is what real S3 enforces (the local emulator ignores it): its conditions are tested here. */
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_REGION = 'us-east-1';
process.env.S3_ENDPOINT = 'http://localhost:4569';

import { presignedPost } from './index';

const decodePolicy = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.Policy, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };

describe('presignedPost', () => {
  const request = { bucket: 'gift-images', key: 'user-1/gift-1/image-1', contentType: 'image/png', minBytes: 2048, maxBytes: 2048, expiresSeconds: 300 };

  it('pins the exact key, the bucket, the content type and the size range in the signed policy', async () => {
    const { fields } = await presignedPost(request);
    const { conditions } = decodePolicy(fields);

    expect(conditions).toEqual(
      expect.arrayContaining([
        { key: 'user-1/gift-1/image-1' },
        { bucket: 'gift-images' },
        ['eq', '$Content-Type', 'image/png'],
        ['content-length-range', 2048, 2048],
      ]),
    );
    expect(conditions.some((c) => Array.isArray(c) && c[0] === 'starts-with')).toBe(false);
  });

  it('expires the policy after the requested seconds, and says so in expiresAt', async () => {
    const before = Date.now();
    const { fields, expiresAt } = await presignedPost(request);
    const expiration = Date.parse(decodePolicy(fields).expiration);

    expect(expiration).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 299_000);
    expect(expiration).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(Math.abs(Date.parse(expiresAt) - expiration)).toBeLessThan(1500);
  });

  it('hands the browser every form field the policy requires, signed', async () => {
    const { url, fields } = await presignedPost(request);

    expect(url).toBe('http://localhost:4569/gift-images');
    expect(fields).toMatchObject({ key: request.key, 'Content-Type': 'image/png', bucket: 'gift-images', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' });
    expect(fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(fields['X-Amz-Credential']).toMatch(/^test\/\d{8}\/us-east-1\/s3\/aws4_request$/);
  });

  it('defaults the smallest size to one byte', async () => {
    const { fields } = await presignedPost({ ...request, minBytes: undefined, maxBytes: 10 * 1024 * 1024 });

    expect(decodePolicy(fields).conditions).toContainEqual(['content-length-range', 1, 10 * 1024 * 1024]);
  });
});
