// Helpers shared by the benchmarks: a fresh database, the built service as a child process, autocannon in its own process.
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, openSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { createServer } = require('node:net');
const { resolve } = require('node:path');
const { Client } = require('pg');

const ROOT = resolve(__dirname, '../..');
const MAIN_JS = resolve(ROOT, 'dist/apps/api/src/main.js');

function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/**
 * A scratch database on DATABASE_URL's server (required: benchmarks never use the embedded one). With `keep`
 * (a database name), that database is reused when it exists (`reused` says so) and never dropped, so a
 * benchmark whose seeding takes minutes can be rerun on the same data.
 */
async function scratchDatabase(keep) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  if (keep && !/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error(`${keep} is not a plain database name`);
  const name = keep || `roster_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const reused = Boolean(keep) && (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0;
  if (!reused) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    reused,
    async drop() {
      if (keep) return;
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Spawns `node <script>` with a raised open-files limit (WebSocket benchmarks hold thousands of sockets). */
function spawnNode(script, args, options) {
  return spawn('bash', ['-c', 'ulimit -n 20000 && exec "$0" "$@"', process.execPath, script, ...args], options);
}

/** The built service (or `main`, another build's main.js) as a child process, once /health/ready answers. */
async function startService(env, port, main = MAIN_JS) {
  port = port ?? (await freePort());
  // BENCH_SERVICE_LOG=<file>: keep the service's JSON log (one line per request at LOG_LEVEL=info) there.
  const stdout = process.env.BENCH_SERVICE_LOG ? openSync(process.env.BENCH_SERVICE_LOG, 'a') : 'ignore';
  const child = spawnNode(main, [], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) }, stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`service exited: ${stderr}`);
    if (await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, pid: child.pid, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) };
}

/** Runs autocannon in a separate process and returns its JSON result. */
function autocannon(url, { connections = 50, duration = 10, headers = {}, method = 'GET', body } = {}) {
  const args = ['-j', '-c', String(connections), '-d', String(duration), '-m', method];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  if (body) args.push('-b', body);
  const out = execFileSync(process.execPath, [resolve(ROOT, 'node_modules/autocannon/autocannon.js'), ...args, url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(out);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/**
 * Runs autocannon in a separate process over a list of requests ({method, path, headers, body}), each
 * request picked at random from the list. Returns req/s, p50 and p99 in ms.
 */
function loadTest(url, requests, { connections = 50, duration = 10 } = {}) {
  const dir = mkdtempSync(resolve(tmpdir(), 'roster-load-'));
  try {
    const spec = resolve(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ url, connections, duration, requests }));
    const out = execFileSync(process.execPath, [resolve(__dirname, 'load.js'), spec], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { scratchDatabase, startService, autocannon, loadTest, spawnNode, freePort, ROOT };
