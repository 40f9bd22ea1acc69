#!/usr/bin/env node
// Builds a client library into a publishable package in dist/libs/<name>: one ESM and one CJS bundle
// of its own code (npm dependencies stay imports), `.d.ts` files from tsc, its package.json and README.
// client-node bundles the browser client's code and declarations, which are not published on their own,
// so each tarball installs alone.
// Usage: node tools/build-client.mjs client-browser|client-node
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
const lib = resolve(root, 'libs', name);
const out = resolve(root, 'dist/libs', name);
const manifest = JSON.parse(readFileSync(resolve(lib, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = {
  entryPoints: [resolve(lib, 'src/index.ts')],
  bundle: true,
  platform: name === 'client-node' ? 'node' : 'neutral',
  target: 'es2020',
  external: Object.keys(manifest.dependencies ?? {}),
  tsconfig: resolve(lib, 'tsconfig.json'),
  logLevel: 'warning',
};
await build({ ...common, format: 'esm', outfile: resolve(out, 'index.mjs') });
await build({ ...common, format: 'cjs', outfile: resolve(out, 'index.cjs'), platform: name === 'client-node' ? 'node' : 'neutral', mainFields: ['module', 'main'] });
execFileSync(resolve(root, 'node_modules/.bin/tsc'), ['-p', resolve(lib, 'tsconfig.lib.json')], { stdio: 'inherit' });
if (name === 'client-node') bundleBrowserDeclarations();
copyFileSync(resolve(lib, 'package.json'), resolve(out, 'package.json'));
copyFileSync(resolve(lib, 'README.md'), resolve(out, 'README.md'));
console.log(`built ${manifest.name} ${manifest.version} in ${out}`);

// The size line counts what the package ships: its files as npm installs them, and its code minified.
const shipped = filesUnder(out);
const unpacked = shipped.reduce((sum, file) => sum + statSync(file).size, 0);
const own = (await build({ ...common, format: 'esm', minify: true, write: false, platform: common.platform === 'neutral' ? 'browser' : 'node' })).outputFiles[0].contents;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`${manifest.name}: ${shipped.length} files, ${kB(unpacked)} unpacked; its code ${kB(own.length)} minified, ${kB(gzipSync(own, { level: 9 }).length)} gzipped, plus ${common.external.join(', ')} from npm`);
if (name === 'client-browser') {
  // What a web app ships: the client with its dependencies, minified (gzip as served).
  const whole = (await build({ ...common, external: [], format: 'esm', minify: true, write: false, platform: 'browser' })).outputFiles[0].contents;
  console.log(`${manifest.name} in a web app, its dependencies bundled: ${kB(whole.length)} minified, ${kB(gzipSync(whole, { level: 9 }).length)} gzipped`);
}

/** The browser client's declarations under types/client-browser, and our own pointing there instead of at the package. */
function bundleBrowserDeclarations() {
  const types = resolve(out, 'types');
  cpSync(resolve(root, 'dist/libs/client-browser/types'), join(types, 'client-browser'), { recursive: true });
  for (const file of filesUnder(types).filter((path) => path.endsWith('.d.ts') && !path.startsWith(join(types, 'client-browser')))) {
    const target = relative(dirname(file), join(types, 'client-browser/index.js')).replace(/^(?!\.)/, './');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll(`'@roster/client-browser'`, `'${target}'`));
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true }).map((path) => join(dir, path)).filter((path) => statSync(path).isFile());
}
