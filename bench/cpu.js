#!/usr/bin/env node
// JavaScript CPU per request of several builds, each booted in its own process and fed requests without a
// socket (bench/lib/in-process.js), on one seeded database: what a change costs or saves, measured in a way
// that the machine's other load and the load generator's share of the cores move far less than req/s.
//   cp -r dist bench/builds/before     (then change the code and build again)
//   DATABASE_URL=... node bench/cpu.js bench/builds/before [more builds ...] [empty|management|user|update ...]
// The current dist is the last column. BENCH_REQUESTS (20000 per scenario), BENCH_CONCURRENCY (50), BENCH_ROUNDS (3),
// BENCH_POOL_MAX (the services' DATABASE_POOL_MAX, 20: lower it on a PostgreSQL that other work shares).
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { basename, resolve } = require('node:path');
const { benchFixture } = require('./lib/fixture');
const { ROOT } = require('./lib/service');
const { median } = require('./lib/median');

const COUNT = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const SERVICE_ENV = { LOG_LEVEL, DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX ?? '20' };

async function main() {
  const args = process.argv.slice(2);
  const others = args.filter((arg) => existsSync(resolve(ROOT, arg, 'apps/api/src/main.js')));
  const wanted = args.filter((arg) => !others.includes(arg));
  const builds = [...others.map((build) => [basename(build), resolve(ROOT, build, 'apps/api/src/main.js')]), ['dist', resolve(ROOT, 'dist/apps/api/src/main.js')]];
  const fixture = await benchFixture({ users: Number(process.env.BENCH_USERS ?? 100_000), signedIn: Number(process.env.BENCH_SIGNED_IN ?? 500), rosterEnv: SERVICE_ENV, log: (line) => console.error(line) });
  const dir = mkdtempSync(resolve(tmpdir(), 'roster-cpu-'));
  try {
    const scenarios = fixture.scenarios.filter((s) => !wanted.length || wanted.includes(s.key));
    const spec = resolve(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ env: { ...fixture.env, ...SERVICE_ENV }, scenarios: scenarios.map(({ key, requests }) => ({ key, requests })), count: COUNT, concurrency: CONCURRENCY }));
    const runs = new Map(builds.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, main] of [...builds.slice(round % builds.length), ...builds.slice(0, round % builds.length)]) {
        const { stderr: err } = spawnSync(process.execPath, [resolve(__dirname, 'lib/in-process.js'), main, spec], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: Number(process.env.BENCH_CHILD_TIMEOUT ?? 600) * 1000, maxBuffer: 64 * 1024 * 1024 });
        const found = /^RESULT (.*)$/m.exec(err);
        if (!found) throw new Error(`${name} printed no result:\n${err}`);
        const result = JSON.parse(found[1]);
        runs.get(name).push(result);
        console.error(`round ${round + 1}/${ROUNDS} ${name}: ${scenarios.map(({ key }) => `${key} ${result[key].us.toFixed(1)} µs ${JSON.stringify(result[key].statuses)}`).join(', ')}`);
      }
    }
    console.log(`\nJavaScript CPU per request in µs (process.cpuUsage, requests fed without a socket, ${CONCURRENCY} in flight, ${COUNT} per scenario), median of ${ROUNDS} rounds, LOG_LEVEL=${LOG_LEVEL}; in brackets the change from ${builds[0][0]}`);
    console.log(`| route | ${builds.map(([name]) => name).join(' | ')} |`);
    console.log(`|---|${builds.map(() => '---').join('|')}|`);
    for (const scenario of scenarios) {
      const pick = (name) => median(runs.get(name).map((run) => run[scenario.key].us));
      const first = pick(builds[0][0]);
      console.log(`| ${scenario.route} | ${builds.map(([name], i) => `${pick(name).toFixed(1)}${i ? ` (${(pick(name) - first >= 0 ? '+' : '')}${(pick(name) - first).toFixed(1)})` : ''}`).join(' | ')} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fixture.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
