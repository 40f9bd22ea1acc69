#!/usr/bin/env node
// CPU profile of the service under autocannon load, one scenario at a time (the same data and requests as
// bench/baseline.js): V8's profiler is started over the inspector protocol after the warm-up and stopped
// when the load ends, so start-up and seeding stay out of it. Prints self time by package and by function,
// and writes each profile to bench/profiles/<scenario>.cpuprofile (open it in Chrome DevTools).
// Usage: DATABASE_URL=... node bench/profile.js [empty|management|user|update ...]   (BENCH_DURATION=15, BENCH_TOKEN_CACHE=true)
// BENCH_SERVICE_MAIN=bench/builds/<name>/apps/api/src/main.js profiles another build (on a database it migrates itself).
const { mkdirSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const WebSocket = require('ws');
const { summarise, print } = require('./lib/cpuprofile');
const { benchFixture } = require('./lib/fixture');
const { freePort, loadTest } = require('./lib/service');

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

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
  const dir = resolve(__dirname, 'profiles');
  mkdirSync(dir, { recursive: true });
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    for (const scenario of fixture.scenarios.filter((s) => !wanted.length || wanted.includes(s.key))) {
      loadTest(fixture.roster.url, scenario.requests, { connections: CONNECTIONS, duration: 3 });
      await session.send('Profiler.start');
      const result = loadTest(fixture.roster.url, scenario.requests, { connections: CONNECTIONS, duration: DURATION });
      const { profile } = await session.send('Profiler.stop');
      writeFileSync(resolve(dir, `${scenario.key}.cpuprofile`), JSON.stringify(profile));
      console.log(`\n### ${scenario.route}: ${result.rps.toFixed(0)} req/s under the profiler, p50 ${result.p50} ms, p99 ${result.p99} ms`);
      print(summarise(profile));
    }
  } finally {
    session.close();
    await fixture.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
