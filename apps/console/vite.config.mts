import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));

// Served by the service at /console from dist/apps/console: hashed names under assets/ are cached for a year,
// index.html never (see apps/api/src/console/console-static.ts).
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  resolve: { alias: { '@roster/client-browser': `${workspace}libs/client-browser/src/index.ts` } },
  build: {
    outDir: `${workspace}dist/apps/console`,
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: URLs, so the CSP needs no unsafe-inline.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
