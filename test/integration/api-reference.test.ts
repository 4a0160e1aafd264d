/**
 * The local gateway serves the API's description beside the API (`npm start` and the test
 * platform alike): /openapi.json is the committed document, /docs/ a rendered reference whose page
 * loads only files of this origin (Swagger UI from the swagger-ui-dist package, no CDN).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformUrl } from '../support/http';

// Plain fetch, not api(): these are not operations of the API, so the document does not describe them.
const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, platformUrl()), { headers, redirect: 'manual' });

describe('the API description on the gateway', () => {
  it('GET /openapi.json is docs/openapi.json', async () => {
    const reply = await get('/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(await reply.text()).toBe(readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'));
  });

  it('GET /openapi.json from an allowed origin carries its CORS grant (a web app may read it)', async () => {
    const reply = await get('/openapi.json', { origin: 'http://localhost:5173' });
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('GET /docs/ is an HTML page that loads only files of this origin, each of which is served', async () => {
    const reply = await get('/docs/');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/html');
    const html = await reply.text();
    expect(html).toContain("url: '/openapi.json'");
    expect(html).toContain('validatorUrl: null'); // Swagger UI would otherwise call an online validator
    const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const ref of references) {
      expect(ref).not.toMatch(/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i); // no scheme, no protocol-relative URL: this origin only
      const asset = await get(new URL(ref, new URL('/docs/', platformUrl())).pathname);
      expect([ref, asset.status]).toEqual([ref, 200]);
      await asset.arrayBuffer();
    }
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('GET /docs answers a redirect to /docs/, and an unknown file under /docs/ is the 404 error', async () => {
    const bare = await get('/docs');
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/docs/']);
    const missing = await get('/docs/nothing-here.js');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
