import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, Server } from 'node:http';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium, Browser } from 'playwright-core';
import { WORKSPACE } from './paths';

/** Flags that keep Chromium off the closed network. */
const QUIET = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'];
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome'];
/** @sparticuz/chromium's serverless flags that would switch off what the tests check (CORS, mixed content). */
const WEAKENING = ['--disable-web-security', '--allow-running-insecure-content'];

export interface ChromiumLaunch {
  /** Where it came from, for the test log. */
  source: string;
  executablePath: string;
  args: string[];
  env?: Record<string, string>;
}

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The Chromium to drive: CHROME_PATH, else one on PATH, else the one the `@sparticuz/chromium` dev
 * dependency ships inside its npm package (Linux x64), so `npm ci && npm test` needs nothing installed by hand.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLaunch {
  if (env.CHROME_PATH) {
    if (!executable(env.CHROME_PATH)) throw new Error(`CHROME_PATH=${env.CHROME_PATH} is not an executable`);
    return { source: 'CHROME_PATH', executablePath: env.CHROME_PATH, args: QUIET };
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const found = ON_PATH.map((name) => join(dir, name)).find(executable);
    if (found) return { source: 'PATH', executablePath: found, args: QUIET };
  }
  if (process.platform === 'linux' && process.arch === 'x64') return fromSparticuz();
  throw new Error(`No Chromium for the browser tests: set CHROME_PATH to a Chrome or Chromium executable, or put one of ${ON_PATH.join(', ')} on PATH (on Linux x64 the @sparticuz/chromium dev dependency supplies one)`);
}

/** @sparticuz/chromium is ESM-only, which Jest's CommonJS loader cannot import: a child process unpacks it and says where. */
function fromSparticuz(): ChromiumLaunch {
  const entry = require.resolve('@sparticuz/chromium');
  const bin = resolve(dirname(entry), '../bin');
  const script = `const [url, bin] = process.argv.slice(1);
const { default: chromium, inflate } = await import(url);
const executablePath = await chromium.executablePath(bin);
const libraries = await inflate(bin + '/al2023.tar.br');
console.log(JSON.stringify({ executablePath, args: chromium.args, libraries: libraries + '/lib' }));`;
  // It unpacks into os.tmpdir() and reuses what it finds there: a folder per user, or another user's 0700 binary is in the way.
  const unpackInto = join(tmpdir(), `roster-sparticuz-chromium-${process.getuid?.() ?? 'user'}`);
  mkdirSync(unpackInto, { recursive: true, mode: 0o700 });
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(entry).href, bin], { encoding: 'utf8', env: { ...process.env, TMPDIR: unpackInto } });
  if (child.status !== 0) throw new Error(`@sparticuz/chromium did not unpack its Chromium: ${child.stderr}`);
  const { executablePath, args, libraries } = JSON.parse(child.stdout) as { executablePath: string; args: string[]; libraries: string };
  // The NSS libraries it needs ship beside it, for machines without a system Chromium's dependencies.
  const libraryPath = [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter);
  return { source: '@sparticuz/chromium', executablePath, args: [...args.filter((arg) => !WEAKENING.includes(arg)), ...QUIET], env: { ...(process.env as Record<string, string>), LD_LIBRARY_PATH: libraryPath } };
}

export const launchChromium = (): Promise<Browser> => {
  const { executablePath, args, env } = findChromium();
  return chromium.launch({ executablePath, headless: true, args, env });
};

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
