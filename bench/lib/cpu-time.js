// CPU time from /proc (Linux): a process's own, and all PostgreSQL server processes' together. On a
// machine whose cores the server, PostgreSQL and the load generator share, CPU per request says where the
// time goes better than req/s alone. Elsewhere every reading is undefined and the tables print n/a.
const { readdirSync, readFileSync } = require('node:fs');

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of /proc/<pid>/stat in seconds, with its command name; undefined when unreadable. */
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return { command: text.slice(text.indexOf('(') + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU seconds so far of `pid`, and of each process named postgres (the server's backends) by pid. */
function cpuSnapshot(pid) {
  const postgres = new Map();
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const other of pids) {
    const found = stat(other);
    if (found?.command === 'postgres') postgres.set(other, found.seconds);
  }
  const server = stat(pid)?.seconds;
  return server === undefined ? undefined : { server, postgres };
}

/**
 * µs of CPU per request between two snapshots: {server, postgres}, or undefined. PostgreSQL's is summed
 * over the backends alive at the end (a backend that exited meanwhile, such as an idle pool's, took its
 * time with it; one born meanwhile counts whole).
 */
function cpuPerRequest(before, after, requests) {
  if (!before || !after || !requests) return undefined;
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  return { server: ((after.server - before.server) * 1e6) / requests, postgres: (postgres * 1e6) / requests };
}

module.exports = { cpuSnapshot, cpuPerRequest };
