#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, each in its own process, each printing its markdown tables.
// Name some to run only those: npm run bench -- baseline stream
// Needs DATABASE_URL (a PostgreSQL server; each benchmark creates and drops its own scratch database).
const { spawnSync } = require('node:child_process');
const { resolve } = require('node:path');

const BENCHMARKS = [
  ['baseline', 'baseline.js', 'hot routes beside a bare node:http + pg + jose server, and the PostgreSQL ceiling'],
  ['auth', 'token-verification.js', 'token verification cost, cache on and off'],
  ['stream', 'stream.js', '10k idle subscribers, 1k-way fan-out beside a bare ws server'],
  ['management', 'management-api.js', '1M users: filter search, deep pages, tenants (seeding takes a few minutes)'],
  ['webhooks', 'webhooks.js', 'profile updates to three webhook endpoints, one down at first: lag, catch-up, nothing lost'],
];

if (!process.env.DATABASE_URL) {
  console.error('set DATABASE_URL to a PostgreSQL server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench');
  process.exit(1);
}
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some(([key]) => key === name));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.map(([key]) => key).join(', ')}`);
  process.exit(1);
}
let failed = 0;
for (const [key, script, what] of BENCHMARKS.filter(([name]) => !wanted.length || wanted.includes(name))) {
  console.log(`\n## ${key}: ${what}\n`);
  const started = Date.now();
  const { status } = spawnSync(process.execPath, [resolve(__dirname, script)], { stdio: 'inherit' });
  if (status !== 0) failed++;
  console.log(`\n(${key}: ${status === 0 ? 'done' : `failed with status ${status}`} in ${Math.round((Date.now() - started) / 1000)} s)`);
}
process.exit(failed ? 1 : 0);
