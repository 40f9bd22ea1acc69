#!/usr/bin/env node
// Builds a client library into a publishable package in dist/libs/<name>: one ESM and one CJS bundle
// of its own code (dependencies stay imports), `.d.ts` files from tsc, its package.json and README.
// Usage: node tools/build-client.mjs client-browser|client-node
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
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
copyFileSync(resolve(lib, 'package.json'), resolve(out, 'package.json'));
copyFileSync(resolve(lib, 'README.md'), resolve(out, 'README.md'));
console.log(`built ${manifest.name} ${manifest.version} in ${out}`);

// What an app ships: the whole client with its dependencies, minified (gzip as served).
const whole = await build({ ...common, external: name === 'client-node' ? common.external : [], format: 'esm', minify: true, write: false, platform: common.platform === 'neutral' ? 'browser' : 'node' });
const bytes = whole.outputFiles[0].contents;
console.log(`${manifest.name} bundled with its dependencies: ${(bytes.length / 1024).toFixed(1)} kB minified, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} kB gzipped`);
