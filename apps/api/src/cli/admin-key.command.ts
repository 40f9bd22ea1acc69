import { createAdminClient } from '../clients/admin-client';
import { newClientId } from '../clients/access-key';
import { ClientsRepository } from '../clients/clients.repository';
import { AppConfig } from '../config/app-config';
import { Environment } from '../config/environment';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { systemAttribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { EventsRepository } from '../events/events.repository';
import { withDatabase } from './with-database';

/**
 * Break glass: registers a new all-permission service client straight in the database and prints its access
 * key once on stdout. For an operator locked out of the API (the admin key lost or revoked).
 */
export async function adminKeyCommand(env: Environment): Promise<void> {
  const clientId = newClientId();
  const accessKey = await withDatabase(env, (dataSource, server) => {
    // Nothing here is sealed: the secret key is not needed.
    const statements = new StatementRunner(dataSource, new AppConfig(env, server.url, '', server.embedded));
    const clients = new ClientsRepository(dataSource, statements);
    const events = new EventsRecorder(new EventsRepository(statements));
    const client = { clientId, name: `Administrator (admin-key command, ${new Date().toISOString()})`, accountId: env.ROSTER_ACCOUNT_ID };
    return new TransactionRunner(dataSource).run((unit) => createAdminClient(clients, events, unit, systemAttribution('admin-key'), client));
  });
  process.stderr.write(`Created the all-permission client ${clientId}. Its access key, shown only this once:\n`);
  process.stdout.write(`${accessKey}\n`);
}
