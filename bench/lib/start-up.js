// Start-up of the built service on a database that is already migrated and seeded: the time from spawning
// `node dist/apps/api/src/main.js` to the first 200 from /health/ready, and the process's resident memory
// (VmRSS, Linux) once it has idled a few seconds after that.
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { freePort, ROOT } = require('./service');

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function residentMb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** {readyMs, idleRssMb} of one start with `env` (the environment of a service that already ran on that database). */
async function measureStartUp(env, { idleMs = 5000 } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/health/ready`;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [resolve(ROOT, 'dist/apps/api/src/main.js')], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env, PORT: String(port) }, stdio: 'ignore' });
  const exited = new Promise((done) => child.once('exit', done));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} while starting`);
      if (await fetch(url).then((res) => res.ok, () => false)) break;
      await sleep(5);
    }
    const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
    await sleep(idleMs);
    return { readyMs, idleRssMb: residentMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

module.exports = { measureStartUp };
