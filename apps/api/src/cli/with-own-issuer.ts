import { OwnIssuerService } from '../auth/own-issuer.service';
import { SigningKeysRepository } from '../auth/signing-keys.repository';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { CommandConfig } from './command-config';
import { withDatabase } from './with-database';

/** Runs `work` with Roster's own issuer on the configured database (sharing a running embedded one). */
export async function withOwnIssuer<T>(config: CommandConfig, work: (issuer: OwnIssuerService) => Promise<T>): Promise<T> {
  return withDatabase(
    config,
    async (dataSource, app) => {
      const issuer = new OwnIssuerService(app, new SigningKeysRepository(dataSource, new StatementRunner(dataSource, app)), new TransactionRunner(dataSource));
      await issuer.onModuleInit();
      return work(issuer);
    },
    { secret: true },
  );
}
