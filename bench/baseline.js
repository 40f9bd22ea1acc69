#!/usr/bin/env node
// Roster's hot routes beside a bare node:http + pg + jose server (bench/lib/bare-api.js) doing the same work
// on the same seeded database, and beside the same handlers as plain Express 5 routes (what Roster's framework
// costs by itself), one after the other in the same run, autocannon in its own process; then PostgreSQL's
// own point-select rate on this machine as the ceiling. Prints markdown tables; no assertions.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run -s bench:baseline
// Then the service's start-up (to /health/ready on the seeded database) and idle memory, and the first page of
// GET /v1/users for a tenant beside the plain first page at BENCH_LIST_USERS users (own database; 0 skips it).
// Knobs: BENCH_USERS (100000), BENCH_SIGNED_IN (500), BENCH_CONNECTIONS (50), BENCH_DURATION (8 s per run),
// BENCH_ROUNDS (3), BENCH_LOG_LEVEL (Roster's LOG_LEVEL, info), BENCH_TOKEN_CACHE (true), PGBENCH (path),
// BENCH_LIST_USERS (1000000).
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');
const { benchFixture } = require('./lib/fixture');
const { bareEnvOf, startBare } = require('./lib/bare-server');
const { cpuPerRequest, cpuSnapshot } = require('./lib/cpu-time');
const { scratchDatabase, loadTest } = require('./lib/service');
const { measureStartUp } = require('./lib/start-up');
const { tenantFirstPage } = require('./lib/tenant-page');
const { median } = require('./lib/median');

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SIGNED_IN = Number(process.env.BENCH_SIGNED_IN ?? 500);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const TOKEN_CACHE = process.env.BENCH_TOKEN_CACHE ?? 'true';
const LIST_USERS = Number(process.env.BENCH_LIST_USERS ?? 1_000_000);

const log = (line) => process.stderr.write(`${line}\n`);

/** Both servers must answer alike before their speed means anything. */
async function checkSameBodies(roster, bare, requests, mask = (body) => body) {
  for (const { method, path, headers, body } of requests) {
    const answer = async (base) => {
      const res = await fetch(`${base}${path}`, { method, headers, body });
      return { status: res.status, body: mask(await res.json()) };
    };
    const [a, b] = [await answer(roster.url), await answer(bare.url)];
    if (a.status !== b.status || JSON.stringify(a.body) !== JSON.stringify(b.body)) {
      throw new Error(`${method} ${path}: Roster and the bare baseline disagree:\n${a.status} ${JSON.stringify(a.body)}\n${b.status} ${JSON.stringify(b.body)}`);
    }
  }
}

/** pgbench -S (select-only, one row by primary key) against its own scratch database. */
async function pgbench(protocol) {
  const binary = process.env.PGBENCH ?? ['/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench', '/usr/lib/postgresql/17/bin/pgbench'].find(existsSync) ?? 'pgbench';
  const database = await scratchDatabase();
  try {
    execFileSync(binary, ['-i', '-q', '-s', '10', database.url], { stdio: 'ignore' });
    const out = execFileSync(binary, ['-S', '-n', '-M', protocol, '-c', String(CONNECTIONS), '-j', '2', '-T', String(DURATION), database.url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { rps: Number(/tps = ([\d.]+)/.exec(out)[1]), latency: Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]) };
  } catch (error) {
    log(`pgbench (${binary}) failed: ${error.message.split('\n')[0]}`);
    return undefined;
  } finally {
    await database.drop();
  }
}

async function main() {
  const fixture = await benchFixture({ users: USERS, signedIn: SIGNED_IN, tokenCache: TOKEN_CACHE, rosterEnv: { LOG_LEVEL }, log });
  const { roster, scenarios } = fixture;
  const servers = [];
  try {
    const bareEnv = bareEnvOf(fixture, TOKEN_CACHE);
    const bare = await startBare(bareEnv);
    servers.push(bare);
    const express = await startBare({ ...bareEnv, BARE_FRAMEWORK: 'express' });
    servers.push(express);
    for (const other of [bare, express]) {
      for (const scenario of scenarios.slice(0, 3)) await checkSameBodies(roster, other, scenario.requests.slice(0, 20));
      // Two updates in a row: only `updated` may differ.
      await checkSameBodies(roster, other, scenarios[3].requests.slice(0, 5), (profile) => ({ ...profile, updated: undefined }));
    }

    const contenders = [['bare', bare], ['express', express], ['roster', roster]];
    const runs = scenarios.map(() => ({ bare: [], express: [], roster: [] }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, scenario] of scenarios.entries()) {
        // Rotate which server goes first, so drift in the machine's load does not favour one.
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
        for (const [name, server] of order) {
          loadTest(server.url, scenario.requests, { connections: CONNECTIONS, duration: 2 });
          const before = cpuSnapshot(server.pid);
          const result = loadTest(server.url, scenario.requests, { connections: CONNECTIONS, duration: DURATION });
          result.cpu = cpuPerRequest(before, cpuSnapshot(server.pid), result.total);
          runs[index][name].push(result);
          log(`round ${round + 1}/${ROUNDS} ${scenario.route} ${name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`);
        }
      }
    }

    const ceiling = [
      ['pgbench -S (one row by primary key), simple protocol', await pgbench('simple')],
      ['pgbench -S, prepared statements', await pgbench('prepared')],
      [`\`pg\` point-select by userId from one Node process (pool 20, ${CONNECTIONS} in flight)`, JSON.parse(execFileSync(process.execPath, [resolve(__dirname, 'lib/pg-loop.js'), fixture.database.url, String(CONNECTIONS), String(DURATION), '20'], { encoding: 'utf8' }))],
    ];

    const startUps = [];
    for (let i = 0; i < 3; i++) startUps.push(await measureStartUp({ ...fixture.env, LOG_LEVEL }));
    servers.forEach((server) => server.stop());
    servers.length = 0;
    const lists = LIST_USERS > 0 ? await tenantFirstPage({ users: LIST_USERS, log }) : undefined;

    console.log(`\n${CONNECTIONS} connections, ${DURATION} s per run after a 2 s warm-up, median of ${ROUNDS} rounds (the order rotating); ${USERS.toLocaleString('en')} users, ${SIGNED_IN} signed in; token cache ${TOKEN_CACHE === 'false' ? 'off' : 'on'}; Roster at LOG_LEVEL=${LOG_LEVEL}, the bare servers log nothing`);
    console.log('"bare": node:http + pg + jose. "Express": the same handlers as plain Express 5 routes. req/s and the ratios are medians of the rounds.');
    console.log('| route | bare req/s | Express req/s | Roster req/s | Roster/bare | Roster/Express | bare p50 / p99 ms | Express p50 / p99 ms | Roster p50 / p99 ms | Roster/bare p99 | Roster/Express p99 |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const [index, scenario] of scenarios.entries()) {
      const pick = (name, field) => median(runs[index][name].map((run) => run[field]));
      const rps = { bare: pick('bare', 'rps'), express: pick('express', 'rps'), roster: pick('roster', 'rps') };
      const p99 = { bare: pick('bare', 'p99'), express: pick('express', 'p99'), roster: pick('roster', 'p99') };
      const failures = Object.values(runs[index]).flat().reduce((sum, run) => sum + run.non2xx + run.errors, 0);
      const latency = (name) => `${pick(name, 'p50')} / ${p99[name]}`;
      console.log(
        `| ${scenario.route}${failures ? ` (${failures} failed)` : ''} | ${rps.bare.toFixed(0)} | ${rps.express.toFixed(0)} | ${rps.roster.toFixed(0)} | ${(rps.roster / rps.bare).toFixed(2)} | ${(rps.roster / rps.express).toFixed(2)} | ${latency('bare')} | ${latency('express')} | ${latency('roster')} | ${(p99.roster / p99.bare).toFixed(2)} | ${(p99.roster / p99.express).toFixed(2)} |`,
      );
    }
    const cpuOf = (index, name, part) => {
      const values = runs[index][name].map((run) => run.cpu?.[part]).filter((value) => value !== undefined);
      return values.length ? median(values).toFixed(0) : 'n/a';
    };
    console.log('\nCPU per request, µs (median of the rounds): the server process, and all PostgreSQL processes together');
    console.log('| route | bare | Express | Roster | PostgreSQL for bare | for Express | for Roster |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [index, scenario] of scenarios.entries()) {
      const cells = ['server', 'postgres'].flatMap((part) => ['bare', 'express', 'roster'].map((name) => cpuOf(index, name, part)));
      console.log(`| ${scenario.route} | ${cells.join(' | ')} |`);
    }
    console.log('\nevery round, req/s (bare | Express | Roster):');
    for (const [index, scenario] of scenarios.entries()) console.log(`- ${scenario.route}: ${runs[index].bare.map((run, i) => `${run.rps.toFixed(0)} | ${runs[index].express[i].rps.toFixed(0)} | ${runs[index].roster[i].rps.toFixed(0)}`).join('; ')}`);
    console.log(`\nthe ceiling: PostgreSQL point-selects on this machine, ${CONNECTIONS} clients, ${DURATION} s`);
    console.log('| what | selects/s |');
    console.log('|---|---|');
    for (const [what, result] of ceiling) console.log(`| ${what} | ${result ? result.rps.toFixed(0) : 'n/a'} |`);
    const startUp = { readyMs: median(startUps.map((run) => run.readyMs)), idleRssMb: median(startUps.map((run) => run.idleRssMb ?? NaN)) };
    console.log(`\nstart-up: ${startUp.readyMs.toFixed(0)} ms from \`node dist/apps/api/src/main.js\` to /health/ready on the seeded database; idle RSS ${startUp.idleRssMb.toFixed(0)} MB 5 s later (median of 3 starts: ${startUps.map((run) => run.readyMs.toFixed(0)).join(', ')} ms)`);
    if (lists) {
      console.log(`\nGET /v1/users, first page (limit 100) at ${lists.users.toLocaleString('en')} users, sequential requests; p50 / p95 ms`);
      console.log('| page | p50 / p95 ms | p50 / plain p50 |');
      console.log('|---|---|---|');
      console.log(`| plain first page | ${lists.plain.p50.toFixed(1)} / ${lists.plain.p95.toFixed(1)} | 1.00 |`);
      console.log(`| a tenant's first page (${lists.tenantUsers.toLocaleString('en')} users in it) | ${lists.tenant.p50.toFixed(1)} / ${lists.tenant.p95.toFixed(1)} | ${(lists.tenant.p50 / lists.plain.p50).toFixed(2)} |`);
    }
  } finally {
    for (const server of servers) server.stop();
    await fixture.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
