#!/usr/bin/env node
// `npm run cli -- <command>`: builds the service quietly when its sources changed since the last build (Nx's output
// only when the build fails), then runs its CLI with this process's stdio, so `TOKEN=$(npm run -s cli -- client-token)`
// captures the token alone. The freshness check is a walk over file times: a few ms, where asking Nx costs seconds.
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const cli = resolve(root, 'dist/apps/api/src/cli.js');
const SOURCES = ['apps/api/src', 'libs/dto/src', 'tools/build-api.js', 'package-lock.json', 'tsconfig.base.json', 'apps/api/tsconfig.app.json'];

function newestChange(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const built = statSync(cli, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (Math.max(...SOURCES.map((source) => newestChange(resolve(root, source)))) > built) {
  const build = spawnSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'run', 'api:build', '--output-style=static'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}building the service failed\n`);
    process.exit(build.status ?? 1);
  }
}
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
