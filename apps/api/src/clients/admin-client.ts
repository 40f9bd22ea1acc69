import { UnitOfWork } from '../database/unit-of-work';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { generateAccessKey } from './access-key';
import { ClientsRepository } from './clients.repository';

/** Creates an all-permission client with one key, and their events; returns the access key, which is never stored. */
export async function createAdminClient(clients: ClientsRepository, events: EventsRecorder, unit: UnitOfWork, by: Attribution, client: { clientId: string; name: string; accountId: string }): Promise<string> {
  const { clientId, name } = client;
  await clients.insert(unit, { id: clientId, name, permissions: ['*'] });
  await events.record(unit, { type: 'client.created', ...by, data: { clientId, name, permissions: ['*'] } });
  const key = generateAccessKey(clientId, client.accountId);
  await clients.addKey(unit, { clientId, keyId: key.keyId, publicKey: key.publicKey });
  await events.record(unit, { type: 'client.access_key_created', ...by, data: { clientId, keyId: key.keyId } });
  return key.accessKey;
}
