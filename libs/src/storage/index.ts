/**
 * S3 for uploads the browser sends straight to the bucket (gift images, loan documents): a
 * presigned POST whose policy pins the exact key, the content type, the size range and the
 * expiry; a HeadObject check before an upload is trusted (the local emulator does not enforce
 * POST policies, and the app must not depend on the policy alone); presigned GETs; deletion.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { recordAwsCall, recordCallsOf } from '../aws';
import { config, DEPENDENCY_TIMEOUTS } from '../config';

let client: S3Client | undefined;

/** One client per container. Locally path-style against the emulator; checksums only when required
 * (with default checksums a streamed upload stored the aws-chunked framing inside the object). */
export function s3(): S3Client {
  if (!client) {
    const { region, s3Endpoint } = config();
    client = recordCallsOf(
      new S3Client({
        region,
        ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        ...DEPENDENCY_TIMEOUTS,
      }),
    );
  }
  return client;
}

export interface PresignedPostRequest {
  bucket: string;
  key: string;
  /** the one content type the upload must declare */
  contentType: string;
  /** size range in bytes, both ends inclusive (minBytes defaults to 1) */
  minBytes?: number;
  maxBytes: number;
  expiresSeconds: number;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export async function presignedPost(request: PresignedPostRequest): Promise<PresignedPost> {
  const now = Date.now();
  // Signed with this function's role: S3 will check s3:PutObject against it when the browser posts.
  // (A presigned GET goes through the client's middleware, so it is recorded there.)
  recordAwsCall({ action: 's3:PutObject', bucket: request.bucket });
  const { url, fields } = await createPresignedPost(s3(), {
    Bucket: request.bucket,
    Key: request.key, // the library adds the exact {key} condition
    Conditions: [
      ['eq', '$Content-Type', request.contentType],
      ['content-length-range', request.minBytes ?? 1, request.maxBytes],
    ],
    Fields: { 'Content-Type': request.contentType },
    Expires: request.expiresSeconds,
  });
  return { url, fields, expiresAt: new Date(now + request.expiresSeconds * 1000).toISOString() };
}

export interface ObjectInfo {
  contentType?: string;
  size: number;
}

/** What S3 holds at the key, or undefined when nothing is there. */
export async function head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
  try {
    const out = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { contentType: out.ContentType, size: out.ContentLength ?? 0 };
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
}

export async function presignedGet(bucket: string, key: string, expiresSeconds: number): Promise<{ url: string; expiresAt: string }> {
  const now = Date.now();
  const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresSeconds });
  return { url, expiresAt: new Date(now + expiresSeconds * 1000).toISOString() };
}

/** Deletes an object; deleting what is not there succeeds, as on S3. */
export async function remove(bucket: string, key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/** Deletes several objects (a gift's few images), in parallel. */
export async function removeMany(bucket: string, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => remove(bucket, key)));
}

/** A bucket name from the environment, failing loudly when the function was deployed without it. */
export function bucketFromEnv(variable: string): string {
  const name = process.env[variable];
  if (!name) throw new Error(`${variable} is not set for this function`);
  return name;
}
