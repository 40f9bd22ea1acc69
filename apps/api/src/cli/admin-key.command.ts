import { createAdminClient } from '../clients/admin-client';
import { newClientId } from '../clients/access-key';
import { ClientsRepository } from '../clients/clients.repository';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { systemAttribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { EventsRepository } from '../events/events.repository';
import { CommandConfig } from './command-config';
import { withDatabase } from './with-database';

/**
 * Break glass: registers a new all-permission service client straight in the database and prints its access
 * key once on stdout. For an operator locked out of the API (the admin key lost or revoked).
 */
export async function adminKeyCommand(config: CommandConfig): Promise<void> {
  const clientId = newClientId();
  // Nothing here is sealed: the command works without the secret key, as a locked-out operator may have none at hand.
  const accessKey = await withDatabase(config, (dataSource, app) => {
    const statements = new StatementRunner(dataSource, app);
    const clients = new ClientsRepository(dataSource, statements);
    const events = new EventsRecorder(new EventsRepository(statements));
    const client = { clientId, name: `Administrator (admin-key command, ${new Date().toISOString()})`, accountId: app.auth.accountId };
    return new TransactionRunner(dataSource).run((unit) => createAdminClient(clients, events, unit, systemAttribution('admin-key'), client));
  });
  process.stderr.write(`Created the all-permission client ${clientId}. Its access key, shown only this once:\n`);
  process.stdout.write(`${accessKey}\n`);
}
