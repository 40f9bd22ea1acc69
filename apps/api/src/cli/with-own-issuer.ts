import { OwnIssuerService } from '../auth/own-issuer.service';
import { AppConfig } from '../config/app-config';
import { Environment } from '../config/environment';
import { localSecretKey } from '../config/secret-key';
import { connectDataSource, openDatabaseServer } from '../database/open-database';

/** Runs `work` with Roster's own issuer on the configured database (sharing a running embedded one). */
export async function withOwnIssuer<T>(env: Environment, work: (issuer: OwnIssuerService) => Promise<T>): Promise<T> {
  const server = await openDatabaseServer(env.DATABASE_URL, env.ROSTER_DATA_DIR, () => undefined, { shareRunning: true });
  try {
    const secret = env.ROSTER_SECRET_KEY ?? (env.DATABASE_URL ? undefined : await localSecretKey(env.ROSTER_DATA_DIR));
    if (!secret) throw new Error('ROSTER_SECRET_KEY is required when DATABASE_URL is set');
    const dataSource = await connectDataSource(server.url, env.ROSTER_MIGRATE_ON_START);
    try {
      const issuer = new OwnIssuerService(new AppConfig(env, server.url, secret, server.embedded), dataSource);
      await issuer.onModuleInit();
      return await work(issuer);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await server.stop();
  }
}
