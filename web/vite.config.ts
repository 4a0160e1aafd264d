/**
 * One multi-page build for the browser apps: the landing page (/), Skycap Loans (/skycap/) and,
 * when it comes, the Gift Tracker (/gift-tracker/: add its index.html to `input`). Everything lands
 * in web/dist with hashed assets under /assets/, which `npm start` serves (scripts/local/web-static.ts)
 * and `npm run deploy:web` syncs to the stage's bucket.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** The API's first path segments: the dev server forwards them to the local gateway (one origin, no CORS). */
const API_SEGMENTS = ['auth', 'users', 'contacts', 'events', 'gifts', 'images', 'loans', 'repayments', 'openapi.json', 'docs'];
const APPS = ['skycap', 'gift-tracker'];
const API = process.env.PLATFORM_URL ?? 'http://localhost:3000';

/** Dev server: a deep link (/skycap/loans/01J...) gets the app's index.html, as `npm start` does. */
function deepLinks(): Plugin {
  return {
    name: 'platform-deep-links',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        const app = APPS.find((name) => path.startsWith(`/${name}/`));
        if (app && !/\.[a-z0-9]+$/i.test(path) && !path.startsWith(`/${app}/src/`)) req.url = `/${app}/index.html`;
        next();
      });
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), deepLinks()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { landing: here('index.html'), skycap: here('skycap/index.html'), 'gift-tracker': here('gift-tracker/index.html') } },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      [`^/(${API_SEGMENTS.join('|').replace('.', '\\.')})(/|$|\\?)`]: { target: API, changeOrigin: false },
      '/gift-tracker/config.json': { target: API, changeOrigin: false }, // the Cognito pool, from the platform (docs/web.md)
    },
  },
});
