#!/usr/bin/env node
// System calls per request, Roster beside the Express baseline (bench/lib/bare-api.js), under the same load as
// bench/baseline.js: `strace -c -f` attached to each server process while autocannon runs. On a VM where a
// system call costs 10–20 µs, every call a request adds is a visible share of its CPU.
// Usage: DATABASE_URL=... node bench/syscalls.js [empty|management|user|update ...]   (needs strace; BENCH_DURATION=5)
const { spawn } = require('node:child_process');
const { benchFixture } = require('./lib/fixture');
const { bareEnvOf, startBare } = require('./lib/bare-server');
const { loadTest } = require('./lib/service');

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** Runs the load with strace counting the server's system calls (all threads); returns calls per request by name. */
async function counted(pid, url, requests) {
  loadTest(url, requests, { connections: CONNECTIONS, duration: 2 });
  const strace = spawn('strace', ['-c', '-f', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let report = '';
  strace.stderr.on('data', (chunk) => (report += chunk));
  await new Promise((done) => setTimeout(done, 500));
  const result = loadTest(url, requests, { connections: CONNECTIONS, duration: DURATION });
  await new Promise((done) => (strace.once('exit', done), strace.kill('SIGINT')));
  const requestsServed = result.rps * DURATION;
  const calls = new Map();
  for (const line of report.split('\n')) {
    const cells = line.trim().split(/\s+/);
    if (cells.length >= 5 && /^\d/.test(cells[0]) && !line.includes('total')) calls.set(cells.at(-1), Number(cells[3]) / requestsServed);
  }
  return { rps: result.rps, calls };
}

async function main() {
  const wanted = process.argv.slice(2);
  const fixture = await benchFixture({ users: Number(process.env.BENCH_USERS ?? 20_000), signedIn: 500, log: (line) => console.error(line), rosterEnv: { LOG_LEVEL: 'info' } });
  const express = await startBare({ ...bareEnvOf(fixture, 'true'), BARE_FRAMEWORK: 'express' });
  try {
    for (const scenario of fixture.scenarios.filter((s) => !wanted.length || wanted.includes(s.key))) {
      const e = await counted(express.pid, express.url, scenario.requests);
      const r = await counted(fixture.roster.pid, fixture.roster.url, scenario.requests);
      console.log(`\n### ${scenario.route}: system calls per request under strace (Express ${e.rps.toFixed(0)} req/s, Roster ${r.rps.toFixed(0)} req/s)`);
      console.log('| call | Express | Roster |');
      console.log('|---|---|---|');
      const names = [...new Set([...e.calls.keys(), ...r.calls.keys()])].filter((n) => Math.max(e.calls.get(n) ?? 0, r.calls.get(n) ?? 0) >= 0.02);
      names.sort((a, b) => (r.calls.get(b) ?? 0) - (r.calls.get(a) ?? 0));
      for (const n of names) console.log(`| ${n} | ${(e.calls.get(n) ?? 0).toFixed(2)} | ${(r.calls.get(n) ?? 0).toFixed(2)} |`);
      const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
      console.log(`| all | ${sum(e.calls).toFixed(2)} | ${sum(r.calls).toFixed(2)} |`);
    }
  } finally {
    express.stop();
    await fixture.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
