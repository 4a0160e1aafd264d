/**
 * The web bucket's sync, apart from AWS specifics so it runs against any S3 endpoint (s3rver in
 * the tests): every file of web/dist is uploaded with its content type and cache rule (hashed
 * assets immutable for a year, HTML and everything else `no-cache`), and every object of the
 * bucket that the build no longer has is deleted. HTML goes last, so a visitor never gets an
 * index.html whose assets are not there yet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { cacheControlFor, contentTypeFor } from '../local/web-static';

export interface SyncPlan {
  uploads: Array<{ key: string; file: string; contentType: string; cacheControl: string }>;
  deletes: string[];
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

async function existingKeys(s3: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

export async function planSync(s3: S3Client, bucket: string, dist: string): Promise<SyncPlan> {
  const uploads = filesUnder(dist)
    .map((file) => {
      const key = relative(dist, file).split(sep).join('/');
      return { key, file, contentType: contentTypeFor(key), cacheControl: cacheControlFor(key) };
    })
    .sort((a, b) => Number(a.key.endsWith('.html')) - Number(b.key.endsWith('.html')) || a.key.localeCompare(b.key));
  const wanted = new Set(uploads.map((u) => u.key));
  const deletes = (await existingKeys(s3, bucket)).filter((key) => !wanted.has(key));
  return { uploads, deletes };
}

export async function syncToBucket(s3: S3Client, bucket: string, dist: string, log: (line: string) => void = () => undefined): Promise<SyncPlan> {
  const plan = await planSync(s3, bucket, dist);
  for (const upload of plan.uploads) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: upload.key,
        Body: readFileSync(upload.file),
        ContentType: upload.contentType,
        CacheControl: upload.cacheControl,
      }),
    );
    log(`upload ${upload.key} (${upload.cacheControl})`);
  }
  for (let i = 0; i < plan.deletes.length; i += 1000) {
    const batch = plan.deletes.slice(i, i + 1000);
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    for (const key of batch) log(`delete ${key} (no longer in the build)`);
  }
  return plan;
}
