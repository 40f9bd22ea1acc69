#!/usr/bin/env node
// /user/stream: memory per idle subscriber (10,000 of them) and update→delivery latency for a change
// that fans out to 1,000 subscribers, beside a bare `ws` server broadcasting the same frames.
// The load generator runs in its own process. Usage: DATABASE_URL=... node bench/stream.js
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');
const { createInterface } = require('node:readline');
const { scratchDatabase, startService, spawnNode, freePort, ROOT } = require('./lib/service');

const USERS = 10;
const PER_USER = 1000;
const UPDATES = 30;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** A child process answering one JSON line per JSON line sent. */
function jsonProcess(script) {
  const child = spawnNode(resolve(__dirname, script), [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const pending = [];
  lines.on('line', (line) => pending.shift()?.(JSON.parse(line)));
  return {
    child,
    next: () => new Promise((done) => pending.push(done)),
    ask: (job) => new Promise((done) => (pending.push(done), child.stdin.write(JSON.stringify(job) + '\n'))),
  };
}

async function rss(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/process_resident_memory_bytes (\d+)/.exec(text)[1]);
}

async function main() {
  const database = await scratchDatabase();
  const port = await freePort();
  const env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: 's'.repeat(43), PUBLIC_URL: `http://127.0.0.1:${port}`, STREAM_MAX_PER_USER: String(PER_USER * 2), STREAM_MAX_BUFFER_BYTES: String(4 * 1024 * 1024) };
  const service = await startService(env, port);
  const tokens = [];
  for (let i = 0; i < USERS; i++) {
    const token = execFileSync(process.execPath, [resolve(ROOT, 'dist/apps/api/src/cli.js'), 'token', '--sub', `bench-${i}`, '--ttl', '2h'], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
    const signIn = await fetch(`${service.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: token }) });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
    tokens.push(token);
  }
  const load = jsonProcess('lib/stream-load.js');
  const wsUrl = `ws://127.0.0.1:${port}/user/stream`;

  await sleep(1000);
  const before = await rss(service.url);
  const opened = await load.ask({ open: { url: wsUrl, tokens, perToken: PER_USER } });
  if (opened.error) throw new Error(opened.error);
  await sleep(3000);
  const after = await rss(service.url);
  await load.ask({ measure: true });

  for (let i = 0; i < UPDATES; i++) {
    await fetch(`${service.url}/user/update`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `t:${performance.timeOrigin + performance.now()}` }) });
    await sleep(150);
  }
  await sleep(1000);
  const roster = await load.ask({ measure: true });
  const frame = await (await fetch(`${service.url}/user/stream`, { headers: { authorization: `Bearer ${tokens[0]}` } })).text();
  await load.ask({ close: true });
  await service.stop();
  await database.drop();

  const bare = spawnNode(resolve(__dirname, 'lib/bare-ws.js'), [], { stdio: ['ignore', 'pipe', 'inherit'] });
  const barePort = await new Promise((done) => createInterface({ input: bare.stdout }).once('line', (line) => done(JSON.parse(line).port)));
  await load.ask({ open: { url: `ws://127.0.0.1:${barePort}`, tokens: [null], perToken: PER_USER } });
  await sleep(1000);
  await load.ask({ measure: true });
  for (let i = 0; i < UPDATES; i++) {
    const body = frame.replace(/"name":"[^"]*"/, `"name":"t:${performance.timeOrigin + performance.now()}"`);
    await fetch(`http://127.0.0.1:${barePort}/`, { method: 'POST', body });
    await sleep(150);
  }
  await sleep(1000);
  const baseline = await load.ask({ measure: true });
  bare.kill();
  load.child.kill();

  console.log(`idle subscribers: ${opened.open}; service RSS ${(before / 1048576).toFixed(1)} MB -> ${(after / 1048576).toFixed(1)} MB = ${((after - before) / opened.open / 1024).toFixed(1)} KB per subscriber (target ≤ 20 KB)`);
  console.log(`| ${UPDATES} updates fanned out to ${PER_USER} subscribers | frames | p50 ms | p99 ms |`);
  console.log('|---|---|---|---|');
  console.log(`| Roster (HTTP update → NOTIFY → re-read → send) | ${roster.frames} | ${roster.p50.toFixed(1)} | ${roster.p99.toFixed(1)} |`);
  console.log(`| bare ws server (HTTP POST → broadcast) | ${baseline.frames} | ${baseline.p50.toFixed(1)} | ${baseline.p99.toFixed(1)} |`);
  console.log(`p99 ratio Roster / bare: ${(roster.p99 / baseline.p99).toFixed(2)} (target ≤ 2)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
