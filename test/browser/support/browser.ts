/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for the browser
 * tests, against the platform the integration project's globalSetup started. Every page a test
 * looks at is screenshotted into test-results/screenshots/ and checked with axe-core (no serious
 * or critical violation); every API reply the app receives is checked against docs/openapi.json.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { checkReply } from '../../support/reply-check';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags that work on these machines (root, no network): TOOLCHAIN.md. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-results', 'screenshots');
const API_SEGMENTS = new Set(['auth', 'users', 'contacts', 'events', 'gifts', 'images', 'loans', 'repayments']);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** One person's browser (their own storage): a context in en-US, a desktop-sized window. */
export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** replies that did not match the API document */
  replyProblems: string[];
}

export async function visitor(browser: Browser, options: { width?: number; height?: number } = {}): Promise<Visitor> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: options.width ?? 1280, height: options.height ?? 900 } });
  const page = await context.newPage();
  const replyProblems: string[] = [];
  const origin = new URL(process.env.PLATFORM_URL ?? 'http://localhost').origin;
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || !API_SEGMENTS.has(url.pathname.split('/')[1])) return;
    const request = response.request();
    void response
      .text()
      .then((text) => {
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : '';
        } catch {
          /* not JSON: checked as text */
        }
        checkReply({ method: request.method(), path: url.pathname + url.search, status: response.status(), headers: response.headers(), body });
      })
      .catch((error: Error) => {
        if (!/closed|Target|No resource|disposed|navigated away/i.test(error.message)) replyProblems.push(error.message);
      });
  });
  return { context, page, replyProblems };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/** axe-core in the page: the serious and critical violations (empty when the page is fine). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE_SOURCE });
  const result = (await page.evaluate(
    'window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })',
  )) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
}

/** The page as it is now: a full-page screenshot (test-results/screenshots/<name>.png) and its axe findings. */
export async function lookAt(page: Page, name: string): Promise<AxeViolation[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return seriousViolations(page);
}

/** The digits of a displayed amount ("NZ$1,234.50" -> 123450): what the figure is in minor units. */
export const minorUnitsShown = (text: string | null): number => Number((text ?? '').replace(/[^0-9]/g, '') || 'NaN');

/** A small valid PDF, as a borrower's scanned payslip would be. */
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
