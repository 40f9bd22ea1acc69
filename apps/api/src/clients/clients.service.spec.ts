import { ClientPrincipal } from '../auth/principal';
import { RevocationEpochRepository } from '../auth/revocation-epoch.repository';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { AppError, ErrorCode } from '../errors/app-error';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { parseAccessKey } from './access-key';
import { ClientsRepository } from './clients.repository';
import { ClientsService } from './clients.service';
import { eventsRecorderOn, recordedEvents, TEST_ATTRIBUTION } from '../testing/events';

const failure = (code: ErrorCode, title?: RegExp) => expect.objectContaining({ constructor: AppError, code, ...(title ? { title: expect.stringMatching(title) } : {}) });
const caller = (...permissions: string[]): ClientPrincipal => ({ kind: 'client', clientId: 'sc_caller', keyId: 'k', permissions: ['clients:write', ...permissions], expiresAt: 0 });

describe('ClientsService (on a real database)', () => {
  let db: ServiceDatabase;
  let clients: ClientsService;
  let epoch: RevocationEpoch;
  beforeAll(async () => {
    db = await openServiceDatabase();
    const config = testConfig({ ROSTER_ACCOUNT_ID: 'acc_spec' });
    const statements = new StatementRunner(db.dataSource, config);
    epoch = new RevocationEpoch(new RevocationEpochRepository(statements));
    clients = new ClientsService(new ClientsRepository(db.dataSource, statements), new TransactionRunner(db.dataSource), config, epoch, eventsRecorderOn(statements));
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const keyRow = async (clientId: string, keyId: string) => (await db.query<{ revoked_at: Date | null }>(`SELECT revoked_at FROM service_client_keys WHERE client_id = $1 AND key_id = $2`, [clientId, keyId]))[0];

  it('creates a client with only permissions the caller holds, each once', async () => {
    const created = await clients.create(caller('users:read'), { name: 'reader', permissions: ['users:read', 'users:read'] }, TEST_ATTRIBUTION);
    expect(created).toEqual({ clientId: expect.stringMatching(/^sc_/), name: 'reader', permissions: ['users:read'], createdTime: expect.any(String) });
    expect(await clients.list()).toEqual([created]);
    await expect(clients.create(caller('users:read'), { name: 'deleter', permissions: ['users:delete'] }, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.Forbidden, /users:delete/));
    expect(await clients.list()).toHaveLength(1);
  });

  it('changes a client only for a caller holding what it holds now and after; the change counts as a revocation', async () => {
    const client = await db.factory.client({ permissions: ['users:read'] });
    await expect(clients.update(caller(), client.id, { name: 'renamed' }, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.Forbidden, /users:read/));
    await expect(clients.update(caller('users:read'), client.id, { permissions: ['users:read', 'users:delete'] }, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.Forbidden, /users:delete/));
    const before = epoch.changesSeen;
    expect(await clients.update(caller('users:read', 'users:write'), client.id, { permissions: ['users:write'] }, TEST_ATTRIBUTION)).toMatchObject({ clientId: client.id, name: client.name, permissions: ['users:write'] });
    expect(epoch.changesSeen).toBeGreaterThan(before);
    expect((await clients.get(client.id)).permissions).toEqual(['users:write']);
  });

  it('mints a key for a client the caller may manage, and lists it with the client', async () => {
    const admin = await db.factory.client({ permissions: ['*'] });
    await expect(clients.createAccessKey(caller('users:read'), admin.id, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.Forbidden, /\*/));
    const key = await clients.createAccessKey(caller('*'), admin.id, TEST_ATTRIBUTION);
    expect(parseAccessKey(key.accessKey)).toMatchObject({ clientId: admin.id, keyId: key.keyId, accountId: 'acc_spec' });
    expect((await clients.get(admin.id)).keys.map((listed) => listed.keyId).sort()).toEqual([admin.key.keyId, key.keyId].sort());
    await expect(clients.createAccessKey(caller('*'), 'sc_missing', TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound));
  });

  it('revokes a key once: a second revocation or an unknown key is not found', async () => {
    const client = await db.factory.client({ permissions: ['users:read'] });
    await expect(clients.revokeAccessKey(caller(), client.id, client.key.keyId, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.Forbidden));
    await clients.revokeAccessKey(caller('users:read'), client.id, client.key.keyId, TEST_ATTRIBUTION);
    expect((await keyRow(client.id, client.key.keyId)).revoked_at).toBeInstanceOf(Date);
    expect((await clients.get(client.id)).keys).toEqual([expect.objectContaining({ keyId: client.key.keyId, revokedTime: expect.any(String) })]);
    await expect(clients.revokeAccessKey(caller('users:read'), client.id, client.key.keyId, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound, /access key/));
    await expect(clients.revokeAccessKey(caller('users:read'), client.id, 'nokey', TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound, /access key/));
  });

  it('deletes a client by revoking every key and hiding it; its row stays', async () => {
    const client = await db.factory.client({ permissions: ['users:read'] });
    await expect(clients.remove(caller(), client.id, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.Forbidden));
    await clients.remove(caller('users:read'), client.id, TEST_ATTRIBUTION);
    expect((await keyRow(client.id, client.key.keyId)).revoked_at).toBeInstanceOf(Date);
    await expect(clients.get(client.id)).rejects.toEqual(failure(ErrorCode.NotFound));
    expect(await clients.list()).toEqual([]);
    await expect(clients.remove(caller('users:read'), client.id, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound));
    expect(await db.query(`SELECT deleted_at FROM service_clients WHERE id = $1`, [client.id])).toEqual([{ deleted_at: expect.any(Date) }]);
  });

  it('records each change with its client and key ids, never the key itself', async () => {
    const created = await clients.create(caller('*'), { name: 'reader', permissions: ['users:read'] }, TEST_ATTRIBUTION);
    await clients.update(caller('*'), created.clientId, { name: 'reader', permissions: ['users:read', 'tenants:read'] }, TEST_ATTRIBUTION);
    const key = await clients.createAccessKey(caller('*'), created.clientId, TEST_ATTRIBUTION);
    await clients.revokeAccessKey(caller('*'), created.clientId, key.keyId, TEST_ATTRIBUTION);
    await clients.remove(caller('*'), created.clientId, TEST_ATTRIBUTION);
    const clientId = created.clientId;
    const events = await recordedEvents(db.query);
    expect(events.map(({ type, actor, data }) => ({ type, actor, data }))).toEqual([
      { type: 'client.created', actor: 'client:sc_test', data: { clientId, name: 'reader', permissions: ['users:read'] } },
      { type: 'client.updated', actor: 'client:sc_test', data: { clientId, fields: ['permissions'], name: 'reader', permissions: ['users:read', 'tenants:read'] } },
      { type: 'client.access_key_created', actor: 'client:sc_test', data: { clientId, keyId: key.keyId } },
      { type: 'client.access_key_revoked', actor: 'client:sc_test', data: { clientId, keyId: key.keyId } },
      { type: 'client.deleted', actor: 'client:sc_test', data: { clientId } },
    ]);
    expect(JSON.stringify(events)).not.toContain(key.accessKey.split('.').pop());
  });
});
