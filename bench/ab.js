#!/usr/bin/env node
// Two builds of Roster on one database, loaded alternately in the same run: for before/after figures of a
// change on a machine whose load drifts. Keep the other build inside the repository so it finds node_modules:
//   cp -r dist bench/builds/before     (then change the code and build again)
//   DATABASE_URL=... node bench/ab.js bench/builds/before [empty|management|user|update ...]
// Knobs as in bench/baseline.js (BENCH_ROUNDS defaults to 3, BENCH_DURATION to 8).
const { resolve } = require('node:path');
const { benchFixture } = require('./lib/fixture');
const { loadTest, startService, ROOT } = require('./lib/service');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const median = (values) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
};

async function main() {
  const [otherBuild, ...wanted] = process.argv.slice(2);
  if (!otherBuild) throw new Error('usage: node bench/ab.js <other dist folder> [scenario ...]');
  const fixture = await benchFixture({ users: Number(process.env.BENCH_USERS ?? 100_000), signedIn: Number(process.env.BENCH_SIGNED_IN ?? 500), rosterEnv: { LOG_LEVEL }, log: (line) => console.error(line) });
  // Same environment (PUBLIC_URL included, so tokens of the first one's issuer verify), another port.
  const other = await startService({ ...fixture.env, LOG_LEVEL }, undefined, resolve(ROOT, otherBuild, 'apps/api/src/main.js'));
  const builds = [
    ['before', other],
    ['after', fixture.roster],
  ];
  try {
    const rows = [];
    for (const scenario of fixture.scenarios.filter((s) => !wanted.length || wanted.includes(s.key))) {
      const runs = { before: [], after: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, service] of round % 2 === 0 ? builds : builds.slice().reverse()) {
          loadTest(service.url, scenario.requests, { connections: CONNECTIONS, duration: 2 });
          const result = loadTest(service.url, scenario.requests, { connections: CONNECTIONS, duration: DURATION });
          runs[name].push(result);
          console.error(`round ${round + 1}/${ROUNDS} ${scenario.route} ${name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`);
        }
      }
      const pick = (name, field) => median(runs[name].map((run) => run[field]));
      rows.push(`| ${scenario.route} | ${pick('before', 'rps').toFixed(0)} | ${pick('after', 'rps').toFixed(0)} | ${(pick('after', 'rps') / pick('before', 'rps')).toFixed(2)} | ${pick('before', 'p50')} / ${pick('before', 'p99')} | ${pick('after', 'p50')} / ${pick('after', 'p99')} |`);
    }
    console.log(`\n${otherBuild} (before) vs dist (after): ${CONNECTIONS} connections, ${DURATION} s per run, median of ${ROUNDS} alternating rounds, LOG_LEVEL=${LOG_LEVEL}`);
    console.log('| route | before req/s | after req/s | after/before | before p50 / p99 ms | after p50 / p99 ms |');
    console.log('|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    await other.stop();
    await fixture.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
