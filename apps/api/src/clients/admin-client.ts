import { UnitOfWork } from '../database/unit-of-work';
import { generateAccessKey } from './access-key';
import { ClientsRepository } from './clients.repository';

/** Creates an all-permission client with one key; returns the access key, which is never stored. */
export async function createAdminClient(clients: ClientsRepository, unit: UnitOfWork, clientId: string, name: string, accountId: string): Promise<string> {
  await clients.insert(unit, { id: clientId, name, permissions: ['*'] });
  const key = generateAccessKey(clientId, accountId);
  await clients.addKey(unit, { clientId, keyId: key.keyId, publicKey: key.publicKey });
  return key.accessKey;
}
