#!/usr/bin/env node
// CPU profile of the service under autocannon load, one scenario at a time (the same data and requests as
// bench/baseline.js): V8's profiler is started over the inspector protocol after the warm-up and stopped
// when the load ends, so start-up and seeding stay out of it. Prints self time by package and by function,
// and writes each profile to bench/profiles/<scenario>.cpuprofile (open it in Chrome DevTools).
// Usage: DATABASE_URL=... node bench/profile.js [empty|management|user|update ...]   (BENCH_DURATION=15, BENCH_TOKEN_CACHE=true)
// BENCH_SERVICE_MAIN=bench/builds/<name>/apps/api/src/main.js profiles another build (on a database it migrates itself).
// BENCH_BESIDE_EXPRESS=true also profiles the Express baseline (bench/lib/bare-api.js) under the same load and
// prints self time per request by package for both, side by side: where Roster's extra microseconds go.
const { mkdirSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const WebSocket = require('ws');
const { summarise, print } = require('./lib/cpuprofile');
const { causesOf, CAUSE_NAMES } = require('./lib/causes');
const { benchFixture } = require('./lib/fixture');
const { bareEnvOf, startBare } = require('./lib/bare-server');
const { freePort, loadTest } = require('./lib/service');

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BESIDE_EXPRESS = process.env.BENCH_BESIDE_EXPRESS === 'true';

/** A minimal Chrome DevTools Protocol session with the service's inspector. */
async function inspector(port) {
  const [{ webSocketDebuggerUrl }] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const socket = new WebSocket(webSocketDebuggerUrl);
  await new Promise((done, fail) => (socket.once('open', done), socket.once('error', fail)));
  let next = 0;
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const send = (method, params = {}) =>
    new Promise((done, fail) => {
      const id = ++next;
      pending.set(id, (message) => (message.error ? fail(new Error(message.error.message)) : done(message.result)));
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/** Profiles one server under a scenario's load; returns the profile and the load's result. */
async function profiled(session, url, requests) {
  loadTest(url, requests, { connections: CONNECTIONS, duration: 3 });
  await session.send('Profiler.start');
  const result = loadTest(url, requests, { connections: CONNECTIONS, duration: DURATION });
  const { profile } = await session.send('Profiler.stop');
  return { profile, result };
}

/** Self time per request (µs) by package, Express beside Roster, largest difference first. */
function printBeside(express, roster) {
  const perRequest = ({ profile, result }) => {
    const summary = summarise(profile);
    const requests = result.rps * DURATION;
    const us = (ms) => (ms * 1000) / requests;
    return { busy: us(summary.total), packages: new Map(summary.packages.map(([name, ms]) => [name, us(ms)])) };
  };
  const [e, r] = [perRequest(express), perRequest(roster)];
  const names = [...new Set([...e.packages.keys(), ...r.packages.keys()])];
  const rows = names.map((name) => [name, e.packages.get(name) ?? 0, r.packages.get(name) ?? 0]).sort((a, b) => b[2] - b[1] - (a[2] - a[1]));
  console.log(`\nExpress ${express.result.rps.toFixed(0)} req/s, Roster ${roster.result.rps.toFixed(0)} req/s under the profiler; self time per request, µs (busy: ${e.busy.toFixed(0)} → ${r.busy.toFixed(0)})`);
  console.log('| package | Express | Roster | Roster − Express |');
  console.log('|---|---|---|---|');
  for (const [name, a, b] of rows.filter(([, a, b]) => Math.max(a, b) >= 0.5)) console.log(`| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b - a).toFixed(1)} |`);
  // The same samples by cause (bench/lib/causes.js): each goes to the innermost frame of a cause on its stack.
  const [ce, cr] = [express, roster].map(({ profile, result }) => causesOf(profile, result.rps * DURATION));
  console.log('\n| cause | Express µs | Roster µs | Roster − Express |');
  console.log('|---|---|---|---|');
  for (const name of CAUSE_NAMES) {
    const [a, b] = [ce.get(name) ?? 0, cr.get(name) ?? 0];
    if (Math.max(a, b) >= 0.5) console.log(`| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b - a).toFixed(1)} |`);
  }
}

async function main() {
  const wanted = process.argv.slice(2);
  const inspectPort = await freePort();
  const fixture = await benchFixture({
    users: Number(process.env.BENCH_USERS ?? 100_000),
    signedIn: Number(process.env.BENCH_SIGNED_IN ?? 500),
    tokenCache: process.env.BENCH_TOKEN_CACHE ?? 'true',
    rosterEnv: { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` },
    main: process.env.BENCH_SERVICE_MAIN && resolve(process.env.BENCH_SERVICE_MAIN),
    log: (line) => console.error(line),
  });
  const session = await inspector(inspectPort);
  const expressPort = BESIDE_EXPRESS && (await freePort());
  const express = BESIDE_EXPRESS && (await startBare({ ...bareEnvOf(fixture, process.env.BENCH_TOKEN_CACHE ?? 'true'), BARE_FRAMEWORK: 'express' }, `--inspect=127.0.0.1:${expressPort}`));
  const expressSession = express && (await inspector(expressPort));
  const dir = resolve(__dirname, 'profiles');
  mkdirSync(dir, { recursive: true });
  try {
    for (const s of [session, expressSession].filter(Boolean)) {
      await s.send('Profiler.enable');
      await s.send('Profiler.setSamplingInterval', { interval: 100 });
    }
    for (const scenario of fixture.scenarios.filter((s) => !wanted.length || wanted.includes(s.key))) {
      const roster = await profiled(session, fixture.roster.url, scenario.requests);
      writeFileSync(resolve(dir, `${scenario.key}.cpuprofile`), JSON.stringify(roster.profile));
      console.log(`\n### ${scenario.route}: ${roster.result.rps.toFixed(0)} req/s under the profiler, p50 ${roster.result.p50} ms, p99 ${roster.result.p99} ms`);
      print(summarise(roster.profile));
      if (!expressSession) continue;
      const beside = await profiled(expressSession, express.url, scenario.requests);
      writeFileSync(resolve(dir, `${scenario.key}-express.cpuprofile`), JSON.stringify(beside.profile));
      printBeside(beside, roster);
    }
  } finally {
    session.close();
    expressSession?.close();
    express?.stop();
    await fixture.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
