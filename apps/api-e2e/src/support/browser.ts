import { createServer, Server } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, Browser } from 'playwright-core';
import { WORKSPACE } from './paths';

/** Debian's Chromium (CI installs the `chromium` package); flags that keep it off the closed network. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });

/** Serves an empty page and `entry` bundled for the browser by esbuild (the bundle the page loads). */
export async function servePage(entry: string): Promise<{ origin: string; bundleBytes: number; close: () => Promise<void> }> {
  const bundled = await build({
    entryPoints: [resolve(__dirname, entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    tsconfig: resolve(WORKSPACE, 'libs/client-browser/tsconfig.json'),
    alias: { '@roster/client-browser': resolve(WORKSPACE, 'libs/client-browser/src/index.ts') },
  });
  const script = bundled.outputFiles[0].contents;
  const server: Server = createServer((request, response) => {
    if (request.url === '/page.js') return response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Roster client test</title><script src="/page.js"></script>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://localhost:${(server.address() as { port: number }).port}`,
    bundleBytes: script.length,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
