import { OwnIssuerService } from '../auth/own-issuer.service';
import { SigningKeysRepository } from '../auth/signing-keys.repository';
import { AppConfig } from '../config/app-config';
import { Environment } from '../config/environment';
import { localSecretKey } from '../config/secret-key';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { withDatabase } from './with-database';

/** Runs `work` with Roster's own issuer on the configured database (sharing a running embedded one). */
export async function withOwnIssuer<T>(env: Environment, work: (issuer: OwnIssuerService) => Promise<T>): Promise<T> {
  const secret = env.ROSTER_SECRET_KEY ?? (env.DATABASE_URL ? undefined : await localSecretKey(env.ROSTER_DATA_DIR));
  if (!secret) throw new Error('ROSTER_SECRET_KEY is required when DATABASE_URL is set');
  return withDatabase(env, async (dataSource, server) => {
    const config = new AppConfig(env, server.url, secret, server.embedded);
    const issuer = new OwnIssuerService(config, new SigningKeysRepository(dataSource, new StatementRunner(dataSource, config)), new TransactionRunner(dataSource));
    await issuer.onModuleInit();
    return work(issuer);
  });
}
