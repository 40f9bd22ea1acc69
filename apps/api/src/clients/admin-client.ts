import { EntityManager } from 'typeorm';
import { generateAccessKey } from './access-key';
import { ServiceClientKeyEntity } from './service-client-key.entity';
import { ServiceClientEntity } from './service-client.entity';

/** Creates an all-permission client with one key; returns the access key, which is never stored. */
export async function createAdminClient(manager: EntityManager, clientId: string, name: string, accountId: string): Promise<string> {
  await manager.insert(ServiceClientEntity, { id: clientId, name, permissions: ['*'] });
  const key = generateAccessKey(clientId, accountId);
  await manager.insert(ServiceClientKeyEntity, { clientId, keyId: key.keyId, publicKey: key.publicKey });
  return key.accessKey;
}
