import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseLimits, dataSourceOptions } from './data-source-options';
import { runningEmbeddedDatabase, startEmbeddedDatabase } from './embedded-postgres';

export interface DatabaseServer {
  /** URL of the database the service uses. */
  url: string;
  embedded: boolean;
  /** Stops the embedded cluster; nothing for an external server. */
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'roster';

export interface EmbeddedOptions {
  /** CLI commands: a cluster that the service already runs there is used as it is. */
  shareRunning?: boolean;
  /** The service, which stops PostgreSQL itself after draining: see startEmbeddedDatabase. */
  ownProcessGroup?: boolean;
}

/** The server from DATABASE_URL, or an embedded cluster under `dataDir` with a `roster` database. */
export async function openDatabaseServer(databaseUrl: string | undefined, dataDir: string, log: (line: string) => void, options: EmbeddedOptions = {}): Promise<DatabaseServer> {
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => undefined };
  const running = options.shareRunning ? await runningEmbeddedDatabase(dataDir) : undefined;
  if (running) return { url: running.url.replace(/\/postgres$/, `/${EMBEDDED_DATABASE}`), embedded: true, stop: async () => undefined };
  const cluster = await startEmbeddedDatabase(dataDir, log, options.ownProcessGroup);
  try {
    const client = new Client({ connectionString: cluster.url });
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    await client.end();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const url = cluster.url.replace(/\/postgres$/, `/${EMBEDDED_DATABASE}`);
  return { url, embedded: true, stop: () => cluster.stop() };
}

/** Where a URL points, without its credentials: safe to log. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * Connects with a clear one-line error, and runs pending migrations when asked. With `limits` (the serving
 * pool) migrations run first on a connection of their own, free of the serving query timeout.
 */
export async function connectDataSource(url: string, migrate: boolean, limits?: DatabaseLimits): Promise<DataSource> {
  if (migrate && limits) await (await connectDataSource(url, true)).destroy();
  const dataSource = new DataSource(dataSourceOptions(url, limits));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(`Cannot connect to the database at ${describeDatabaseUrl(url)}: ${(error as Error).message}`);
  }
  if (migrate && !limits) await runMigrations(dataSource);
  return dataSource;
}

/**
 * Pending migrations, one replica at a time: replicas starting together on one database take turns on a
 * PostgreSQL advisory lock, so the first applies the migrations and the others then find none to apply.
 */
export async function runMigrations(dataSource: DataSource): Promise<Array<{ name: string }>> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('roster migrations'))`);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtext('roster migrations'))`);
    }
  } finally {
    await lock.release();
  }
}
