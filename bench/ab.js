#!/usr/bin/env node
// Several builds of Roster on one database, loaded in turn in the same run (the order rotating each round):
// before/after figures of a change on a machine whose load drifts. Keep other builds inside the repository
// so they find node_modules:
//   cp -r dist bench/builds/before     (then change the code and build again)
//   DATABASE_URL=... node bench/ab.js bench/builds/before [more builds ...] [empty|management|user|update ...]
// The current dist is always the last column. Knobs as in bench/baseline.js (BENCH_ROUNDS 3, BENCH_DURATION 8).
const { existsSync } = require('node:fs');
const { basename, resolve } = require('node:path');
const { benchFixture } = require('./lib/fixture');
const { cpuPerRequest, cpuSnapshot } = require('./lib/cpu-time');
const { loadTest, startService, ROOT } = require('./lib/service');
const { median } = require('./lib/median');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

async function main() {
  const args = process.argv.slice(2);
  const others = args.filter((arg) => existsSync(resolve(ROOT, arg, 'apps/api/src/main.js')));
  const wanted = args.filter((arg) => !others.includes(arg));
  if (!others.length) throw new Error('usage: node bench/ab.js <other dist folder> [...] [scenario ...]');
  const fixture = await benchFixture({ users: Number(process.env.BENCH_USERS ?? 100_000), signedIn: Number(process.env.BENCH_SIGNED_IN ?? 500), rosterEnv: { LOG_LEVEL }, log: (line) => console.error(line) });
  const builds = [];
  try {
    // Same environment (PUBLIC_URL included, so tokens of the fixture's issuer verify), other ports.
    // The current dist is started afresh like the other builds, not measured as the fixture's own instance (the one
    // that answered the seeding's sign-ins): every column is then a process started the same way.
    for (const build of others) builds.push([basename(build), await startService({ ...fixture.env, LOG_LEVEL }, undefined, resolve(ROOT, build, 'apps/api/src/main.js'))]);
    builds.push(['dist', await startService({ ...fixture.env, LOG_LEVEL })]);
    const rows = [];
    const cpuRows = [];
    for (const scenario of fixture.scenarios.filter((s) => !wanted.length || wanted.includes(s.key))) {
      const runs = new Map(builds.map(([name]) => [name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, service] of [...builds.slice(round % builds.length), ...builds.slice(0, round % builds.length)]) {
          loadTest(service.url, scenario.requests, { connections: CONNECTIONS, duration: 2 });
          const before = cpuSnapshot(service.pid);
          const result = loadTest(service.url, scenario.requests, { connections: CONNECTIONS, duration: DURATION });
          result.cpu = cpuPerRequest(before, cpuSnapshot(service.pid), result.total)?.server;
          runs.get(name).push(result);
          console.error(`round ${round + 1}/${ROUNDS} ${scenario.route} ${name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.cpu?.toFixed(0)} µs CPU${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`);
        }
      }
      const pick = (name, field) => median(runs.get(name).map((run) => run[field] ?? NaN));
      const first = pick(builds[0][0], 'rps');
      rows.push(`| ${scenario.route} | ${builds.map(([name]) => `${pick(name, 'rps').toFixed(0)} (${(pick(name, 'rps') / first).toFixed(2)}) ${pick(name, 'p50')} / ${pick(name, 'p99')}`).join(' | ')} |`);
      cpuRows.push(`| ${scenario.route} | ${builds.map(([name]) => pick(name, 'cpu').toFixed(0)).join(' | ')} |`);
    }
    console.log(`\n${CONNECTIONS} connections, ${DURATION} s per run, median of ${ROUNDS} rounds in rotating order, LOG_LEVEL=${LOG_LEVEL}; req/s (ratio to ${builds[0][0]}) p50 / p99 ms`);
    console.log(`| route | ${builds.map(([name]) => name).join(' | ')} |`);
    console.log(`|---|${builds.map(() => '---').join('|')}|`);
    for (const row of rows) console.log(row);
    // The service process's CPU per request (from /proc): what a change costs or saves, whatever the machine's load.
    console.log(`\nCPU of the service process per request, µs (median of the rounds)`);
    console.log(`| route | ${builds.map(([name]) => name).join(' | ')} |`);
    console.log(`|---|${builds.map(() => '---').join('|')}|`);
    for (const row of cpuRows) console.log(row);
  } finally {
    for (const [, service] of builds) await service.stop();
    await fixture.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
