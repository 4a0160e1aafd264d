/**
 * `npm run web:budget`: the web apps' budgets, measured (a report, not a timed test): the initial
 * JavaScript of /skycap/ gzipped (budget 150 KB) and its first contentful paint in headless
 * Chromium on localhost (budget 1 s), served by the same code as `npm start` (web-static.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/browser/support/browser';
import { serveWebApps } from '../local/web-static';
import { buildWeb } from './build';

const ROOT = join(__dirname, '..', '..');

async function main(): Promise<void> {
  buildWeb({ ifStale: true });
  const html = readFileSync(join(ROOT, 'web', 'dist', 'skycap', 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  const jsGzip = scripts.reduce((total, src) => total + gzipSync(readFileSync(join(ROOT, 'web', 'dist', src))).length, 0);

  const server = createServer((req, res) => {
    if (!serveWebApps(req, res, ROOT)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}/skycap/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const paints: number[] = [];
  for (let run = 0; run < 5; run++) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sign in to Skycap Loans' }).waitFor();
    paints.push(Number(await page.evaluate('performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN')));
    await page.close();
  }
  await browser.close();
  server.close();
  paints.sort((a, b) => a - b);
  const median = paints[Math.floor(paints.length / 2)];
  console.log(`initial JS (${scripts.join(', ')}): ${(jsGzip / 1024).toFixed(1)} KB gzipped (budget 150 KB) ${jsGzip <= 150 * 1024 ? 'OK' : 'OVER'}`);
  console.log(
    `first contentful paint of /skycap/ (sign-in page), 5 cold loads: median ${median.toFixed(0)} ms, all ${paints.map((p) => p.toFixed(0)).join('/')} ms (budget 1000 ms) ${median <= 1000 ? 'OK' : 'OVER'}`,
  );
}

void main();
