/**
 * What the Gift Tracker's browser tests need beyond test/browser/support: the sign-up
 * confirmation code as the local stage exposes it (the platform prints each code cognito-local
 * "sends": scripts/local/cognito-codes.ts; the test platform writes those lines to its
 * platform.log), a real PNG, and the Cognito pool's own API for checks from outside the browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { codeFromLine } from '../../scripts/local/cognito-codes';
import { REPO_ROOT } from '../../scripts/local/services';

const OFFSET = Number(process.env.PLATFORM_TEST_PORT_OFFSET ?? 0);
/** The test platform's log (test/support/global-setup.ts): every line the platform printed. */
export const PLATFORM_LOG = join(REPO_ROOT, OFFSET ? `.local/test-${OFFSET}` : '.local/test', 'platform.log');

/** The latest confirmation code printed for `email`, waiting up to `timeoutMs` for it to appear. */
export async function confirmationCodeFor(email: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = existsSync(PLATFORM_LOG) ? readFileSync(PLATFORM_LOG, 'utf8').split('\n') : [];
    const codes = lines.map((line) => codeFromLine(line, email)).filter((code): code is string => !!code);
    if (codes.length) return codes[codes.length - 1];
    if (Date.now() > deadline) throw new Error(`no confirmation code for ${email} in ${PLATFORM_LOG}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (8-bit RGB): a red gift box with a gold ribbon on a light background, `size` pixels square. */
export function giftBoxPng(size = 96): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      const inBox = x > size * 0.15 && x < size * 0.85 && y > size * 0.3 && y < size * 0.9;
      const ribbon = Math.abs(x - size / 2) < size * 0.06 || Math.abs(y - size * 0.55) < size * 0.05;
      const [r, g, b] = inBox ? (ribbon ? [240, 190, 40] : [200, 30, 60]) : [235, 240, 248];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** One call of the pool's API, as the app makes it (for checks from outside the browser). */
export async function cognitoCall(target: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const reply = await fetch(`${process.env.COGNITO_ENDPOINT}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify({ ClientId: process.env.COGNITO_CLIENT_ID, ...body }),
  });
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
}

/** A calendar date `days` after today (UTC, as the browser context of these tests has it). */
export const daysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
