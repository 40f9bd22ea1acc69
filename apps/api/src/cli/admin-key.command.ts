import { createAdminClient } from '../clients/admin-client';
import { newClientId } from '../clients/access-key';
import { ClientsRepository } from '../clients/clients.repository';
import { Environment } from '../config/environment';
import { TransactionRunner } from '../database/unit-of-work';
import { withDatabase } from './with-database';

/**
 * Break glass: registers a new all-permission service client straight in the database and prints its access
 * key once on stdout. For an operator locked out of the API (the admin key lost or revoked).
 */
export async function adminKeyCommand(env: Environment): Promise<void> {
  const clientId = newClientId();
  const accessKey = await withDatabase(env, (dataSource) =>
    new TransactionRunner(dataSource).run((unit) => createAdminClient(new ClientsRepository(dataSource), unit, clientId, `Administrator (admin-key command, ${new Date().toISOString()})`, env.ROSTER_ACCOUNT_ID)),
  );
  process.stderr.write(`Created the all-permission client ${clientId}. Its access key, shown only this once:\n`);
  process.stdout.write(`${accessKey}\n`);
}
