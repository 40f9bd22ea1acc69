import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectDataSource, openDatabaseServer, runMigrations } from '../database/open-database';
import { CommandConfig } from './command-config';

const say = (line: string) => process.stderr.write(`${line}\n`);

export async function migrateCommand(config: CommandConfig): Promise<void> {
  const server = await openDatabaseServer(config.databaseUrl, config.dataDir, say);
  try {
    const dataSource = await connectDataSource(server.url, false);
    const applied = await runMigrations(dataSource);
    say(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'no pending migrations');
    await dataSource.destroy();
  } finally {
    await server.stop();
  }
}

/** Runs every migration on an empty scratch database, then fails if TypeORM would still change the schema. */
export async function migrationCheckCommand(config: CommandConfig): Promise<void> {
  const server = await openDatabaseServer(config.databaseUrl, config.dataDir, say);
  const scratch = `roster_migration_check_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${scratch}`);
    const url = new URL(server.url);
    url.pathname = `/${scratch}`;
    const dataSource = await connectDataSource(url.toString(), true);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    await dataSource.destroy();
    if (pending.upQueries.length > 0) {
      const sql = pending.upQueries.map((query) => `  ${query.query}`).join('\n');
      throw new Error(`Entities and migrations disagree; a migration would still run:\n${sql}`);
    }
    say('entities and migrations agree');
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await server.stop();
  }
}
