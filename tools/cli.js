#!/usr/bin/env node
// `npm run cli -- <command>`: builds the service quietly (Nx's output only when the build fails), then runs
// its CLI with this process's stdio, so `TOKEN=$(npm run -s cli -- client-token)` captures the token alone.
const { spawnSync } = require('node:child_process');
const { resolve } = require('node:path');

const root = resolve(__dirname, '..');
const build = spawnSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'run', 'api:build', '--output-style=static'], {
  cwd: root,
  env: { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false', NX_NO_CLOUD: 'true' },
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}building the service failed\n`);
  process.exit(build.status ?? 1);
}
const cli = spawnSync(process.execPath, [resolve(root, 'dist/apps/api/src/cli.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(cli.status ?? 1);
