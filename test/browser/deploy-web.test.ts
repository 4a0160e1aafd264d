/**
 * `npm run deploy:web`'s sync against a real S3 emulator (the s3rver of the test platform): what
 * is uploaded with which cache rule and type, and that files the build no longer has are deleted.
 * CloudFront has no emulator: the invalidation is one call, tested with a recording client in
 * scripts/web/deploy.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { syncToBucket } from '../../scripts/web/sync';

const s3 = new S3Client({
  endpoint: process.env.S3_ENDPOINT,
  region: process.env.AWS_REGION ?? 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const bucket = `web-sync-${Date.now().toString(36)}`;
let dist: string;

function writeBuild(files: Record<string, string>): void {
  rmSync(dist, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), text);
  }
}

const keys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  s3.destroy();
});

test('uploads the build with long cache on hashed assets and no-cache on HTML, and deletes what the build no longer has', async () => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'assets/skycap-OLD111.js', Body: 'old' }));
  writeBuild({
    'index.html': '<!doctype html><title>home</title>',
    'skycap/index.html': '<!doctype html><title>app</title>',
    'assets/skycap-NEW222.js': 'console.log(1)',
    'assets/skycap-NEW222.css': 'body{}',
  });

  const plan = await syncToBucket(s3, bucket, dist);

  expect(plan.deletes).toEqual(['assets/skycap-OLD111.js']);
  expect(plan.uploads.map((u) => u.key).slice(-2)).toEqual(['index.html', 'skycap/index.html']); // HTML last
  expect(await keys()).toEqual(['assets/skycap-NEW222.css', 'assets/skycap-NEW222.js', 'index.html', 'skycap/index.html']);
  const asset = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'assets/skycap-NEW222.js' }));
  expect(asset.CacheControl).toBe('public, max-age=31536000, immutable');
  expect(asset.ContentType).toBe('text/javascript; charset=utf-8');
  const page = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'skycap/index.html' }));
  expect(page.CacheControl).toBe('no-cache');
  expect(page.ContentType).toBe('text/html; charset=utf-8');
  const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'skycap/index.html' }));
  expect(await body.Body?.transformToString()).toBe('<!doctype html><title>app</title>');
});

test('a second sync of a new build replaces the hashed files and leaves nothing stale', async () => {
  writeBuild({ 'index.html': 'home v2', 'skycap/index.html': 'app v2', 'assets/skycap-NEW333.js': 'console.log(2)' });
  const plan = await syncToBucket(s3, bucket, dist);
  expect(plan.deletes.sort()).toEqual(['assets/skycap-NEW222.css', 'assets/skycap-NEW222.js']);
  expect(await keys()).toEqual(['assets/skycap-NEW333.js', 'index.html', 'skycap/index.html']);
});
