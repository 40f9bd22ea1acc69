#!/usr/bin/env node
// Webhook delivery under load: profile updates (POST /user/update) at BENCH_WEBHOOK_RATE per second (300) for
// BENCH_WEBHOOK_SECONDS (60), each recording a user.updated event that goes to three endpoints; endpoint "c"
// refuses connections for the first BENCH_WEBHOOK_DOWN_SECONDS (30). Prints the delivery lag (receipt minus the
// event's occurredAt) p50/p99 for the healthy endpoints, the time "c" takes to catch up once it is back, and
// whether every recorded event reached every endpoint exactly once (signatures verified with standardwebhooks).
// Usage: DATABASE_URL=... node bench/webhooks.js   (npm run -s bench:webhooks builds first). BENCH_SERVICE_MAIN: another
// main.js to run (a profiling wrapper, another build); BENCH_KEEP_DB=1 keeps the scratch database.
const { execFileSync } = require('node:child_process');
const { generateKeyPairSync, randomBytes } = require('node:crypto');
const { resolve } = require('node:path');
const { createInterface } = require('node:readline');
const { Client } = require('pg');
const { cpuSnapshot } = require('./lib/cpu-time');
const { scratchDatabase, startService, spawnNode, freePort, ROOT } = require('./lib/service');

const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 60);
const DOWN_SECONDS = Number(process.env.BENCH_WEBHOOK_DOWN_SECONDS ?? 30);
const USERS = Number(process.env.BENCH_WEBHOOK_USERS ?? 30);
const CATCH_UP_LIMIT_MS = 600_000;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN);

/** WEBHOOK_* settings of this environment are passed on to the service (e.g. WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT). */
function serviceSettings() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('WEBHOOK_') || name === 'DATABASE_POOL_MAX'));
}

function receivers() {
  const child = spawnNode(resolve(__dirname, 'lib/webhook-receivers.js'), [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const pending = [];
  createInterface({ input: child.stdout }).on('line', (line) => pending.shift()?.resolve(JSON.parse(line)));
  child.on('exit', (code) => pending.splice(0).forEach((ask) => ask.reject(new Error(`the receivers exited with ${code}`))));
  return { child, ask: (command) => new Promise((resolve, reject) => (pending.push({ resolve, reject }), child.stdin.write(JSON.stringify(command) + '\n'))) };
}

function cli(args, env) {
  return execFileSync(process.execPath, [resolve(ROOT, 'dist/apps/api/src/cli.js'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
}

async function main() {
  const database = await scratchDatabase();
  const port = await freePort();
  const { privateKey } = generateKeyPairSync('ed25519');
  const accessKey = `sc_bench.${randomBytes(3).toString('hex')}.roster.${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
  const env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: 's'.repeat(43), PUBLIC_URL: `http://127.0.0.1:${port}`, ROSTER_BOOTSTRAP_ACCESS_KEY: accessKey, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', ...serviceSettings() };
  const service = await startService(env, port, process.env.BENCH_SERVICE_MAIN);
  let ends;
  try {
    const json = { 'content-type': 'application/json' };
    const admin = { ...json, authorization: `Bearer ${cli(['client-token', '--access-key', accessKey, '--ttl', '2h'], env)}` };

    const tokens = [];
    for (let i = 0; i < USERS; i++) {
      const token = cli(['token', '--sub', `bench-${i}`, '--ttl', '2h'], env);
      const signIn = await fetch(`${service.url}/users/authenticate/from_token`, { method: 'POST', headers: json, body: JSON.stringify({ access_token: token }) });
      if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
      tokens.push(token);
    }

    // The webhooks first (the receivers verify with their secrets), on ports chosen now; "c" starts down.
    const names = ['a', 'b', 'c'];
    const ports = {};
    const secrets = {};
    for (const name of names) {
      ports[name] = await freePort();
      const response = await fetch(`${service.url}/v1/webhooks`, { method: 'POST', headers: admin, body: JSON.stringify({ url: `http://127.0.0.1:${ports[name]}/${name}`, eventTypes: ['user.updated'] }) });
      if (response.status !== 201) throw new Error(`webhook creation failed: ${response.status} ${await response.text()}`);
      secrets[name] = (await response.json()).secret;
    }
    ends = receivers();
    await ends.ask({ open: { ports, secrets, down: { c: DOWN_SECONDS * 1000 } } });

    // Updates at RATE per second, paced by the clock (not by responses), from this process.
    const cpuBefore = cpuSnapshot(service.pid);
    const started = Date.now();
    const outcome = { ok: 0, failed: 0, statuses: {} };
    const inFlight = new Set();
    let sent = 0;
    while (Date.now() - started < SECONDS * 1000) {
      const due = Math.floor(((Date.now() - started) / 1000) * RATE);
      for (; sent < due; sent++) {
        const token = tokens[sent % tokens.length];
        const request = fetch(`${service.url}/user/update`, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ name: `bench ${sent}` }) })
          .then((response) => (response.ok ? outcome.ok++ : (outcome.failed++, (outcome.statuses[response.status] = (outcome.statuses[response.status] ?? 0) + 1))), () => outcome.failed++)
          .finally(() => inFlight.delete(request));
        inFlight.add(request);
      }
      await sleep(5);
    }
    await Promise.all(inFlight);
    const loadSeconds = (Date.now() - started) / 1000;

    // Every recorded user.updated event, then wait until each endpoint has them all (or give up).
    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    const recorded = new Set((await pg.query(`SELECT event_id FROM events WHERE type = 'user.updated'`)).rows.map((row) => row.event_id));
    let report;
    const waitStarted = Date.now();
    for (;;) {
      report = await ends.ask({ report: true });
      if (names.every((name) => report[name].distinct >= recorded.size) || Date.now() - waitStarted > CATCH_UP_LIMIT_MS) break;
      await sleep(500);
    }
    const cpuAfter = cpuSnapshot(service.pid);
    const pending = (await pg.query(`SELECT w.url, d.status, count(*)::int AS n FROM webhook_deliveries d JOIN webhooks w USING (webhook_id) GROUP BY 1, 2 ORDER BY 1, 2`)).rows;
    // Where the healthy endpoints' lag goes: event to queued delivery (settling + dispatch), queued to first attempt.
    const [split] = (
      await pg.query(`
        WITH d AS (
          SELECT extract(epoch FROM d.created_at - e.occurred_at) * 1000 AS dispatch,
                 extract(epoch FROM (SELECT min(a.attempted_at) FROM webhook_delivery_attempts a WHERE a.delivery_id = d.delivery_id) - d.created_at) * 1000 AS send
            FROM webhook_deliveries d JOIN events e USING (event_id) JOIN webhooks w USING (webhook_id)
           WHERE w.url NOT LIKE '%/c')
        SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY dispatch)) AS dispatch50, round(percentile_cont(0.99) WITHIN GROUP (ORDER BY dispatch)) AS dispatch99,
               round(percentile_cont(0.5) WITHIN GROUP (ORDER BY send)) AS send50, round(percentile_cont(0.99) WITHIN GROUP (ORDER BY send)) AS send99 FROM d`)
    ).rows;
    await pg.end();

    const lagsOf = (name) => report[name].deliveries.map((d) => d.receivedAt - d.occurredAt).sort((x, y) => x - y);
    const healthy = [...lagsOf('a'), ...lagsOf('b')].sort((x, y) => x - y);
    // The healthy endpoints' lag per 10 s of the load (by when the event occurred): a backlog shows as a rising line.
    const windows = new Map();
    for (const d of [...report.a.deliveries, ...report.b.deliveries]) {
      const window = Math.max(0, Math.floor((d.occurredAt - started) / 10_000));
      windows.set(window, [...(windows.get(window) ?? []), d.receivedAt - d.occurredAt]);
    }
    const timeline = [...windows.keys()].sort((x, y) => x - y).map((w) => {
      const lags = windows.get(w).sort((x, y) => x - y);
      return `${w * 10}s ${percentile(lags, 50)}/${percentile(lags, 99)}`;
    });
    const c = report.c;
    const backlog = c.deliveries.filter((d) => d.occurredAt < c.upAt);
    const caughtUp = backlog.length ? Math.max(...backlog.map((d) => d.receivedAt)) - c.upAt : 0;
    const lost = (name) => {
      const received = new Set(report[name].deliveries.map((d) => d.eventId));
      return [...recorded].filter((id) => !received.has(id)).length;
    };
    const lines = [
      `load: ${outcome.ok} profile updates in ${loadSeconds.toFixed(1)} s (${(outcome.ok / loadSeconds).toFixed(0)}/s, target ${RATE}/s), ${outcome.failed} failed${outcome.failed ? ` (${Object.entries(outcome.statuses).map(([status, n]) => `${n}× ${status}`).join(', ') || 'no answer'})` : ''}; ${recorded.size} user.updated events recorded`,
      `healthy endpoints a+b: lag p50 ${percentile(healthy, 50)} ms, p99 ${percentile(healthy, 99)} ms, max ${healthy[healthy.length - 1]} ms (target p99 <= 2000 ms)`,
      ...['a', 'b'].map((name) => `  ${name}: p50 ${percentile(lagsOf(name), 50)} ms, p99 ${percentile(lagsOf(name), 99)} ms`),
      `  p50/p99 ms by 10 s of the load: ${timeline.join(', ')}`,
      `  of which event → queued delivery p50 ${split.dispatch50} ms, p99 ${split.dispatch99} ms; queued → first attempt p50 ${split.send50} ms, p99 ${split.send99} ms`,
      `down endpoint c (refusing connections for ${DOWN_SECONDS} s): ${backlog.length} events waited; caught up ${(caughtUp / 1000).toFixed(1)} s after it came back`,
      ...names.map((name) => `  ${name}: ${report[name].distinct}/${recorded.size} events, ${lost(name)} lost, ${report[name].duplicates} duplicates, ${report[name].badSignatures} bad signatures`),
      `service CPU (one process, all cores shared): ${cpuBefore && cpuAfter ? `${(((cpuAfter.server - cpuBefore.server) * 1000) / outcome.ok).toFixed(2)} ms per update with its ${names.length} deliveries` : 'n/a'}`,
      `delivery rows: ${pending.map((row) => `${row.url.split('/').pop()} ${row.status} ${row.n}`).join(', ')}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (names.some((name) => lost(name) > 0 || report[name].badSignatures > 0)) process.exitCode = 1;
  } finally {
    ends?.child.kill();
    await service.stop();
    // BENCH_KEEP_DB=1: leave the scratch database for a closer look (its URL goes to stderr).
    if (process.env.BENCH_KEEP_DB) process.stderr.write(`kept ${database.url}\n`);
    else await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
