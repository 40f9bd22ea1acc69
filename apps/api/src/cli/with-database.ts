import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { connectDataSource, DatabaseServer, openDatabaseServer } from '../database/open-database';

/** Runs `work` on the configured database (sharing an embedded one that a running service has open). */
export async function withDatabase<T>(env: Environment, work: (dataSource: DataSource, server: DatabaseServer) => Promise<T>): Promise<T> {
  const server = await openDatabaseServer(env.DATABASE_URL, env.ROSTER_DATA_DIR, () => undefined, { shareRunning: true });
  try {
    const dataSource = await connectDataSource(server.url, env.ROSTER_MIGRATE_ON_START);
    try {
      return await work(dataSource, server);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await server.stop();
  }
}
