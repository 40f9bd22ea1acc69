import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { connectDataSource, openDatabaseServer } from '../database/open-database';
import { CommandConfig } from './command-config';

/**
 * Runs `work` on the configured database (sharing an embedded one that a running service has open) with the
 * service's AppConfig for it. `secret`: for commands that seal or sign; the key is resolved before anything opens.
 */
export async function withDatabase<T>(config: CommandConfig, work: (dataSource: DataSource, app: AppConfig) => Promise<T>, options: { secret?: boolean } = {}): Promise<T> {
  const secretKey = options.secret ? await config.secretKey() : undefined;
  const server = await openDatabaseServer(config.databaseUrl, config.dataDir, () => undefined, { shareRunning: true });
  try {
    const dataSource = await connectDataSource(server.url, config.migrateOnStart);
    try {
      return await work(dataSource, config.appConfig(server, secretKey));
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await server.stop();
  }
}
