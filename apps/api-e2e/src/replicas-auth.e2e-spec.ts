import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { createTestDatabase, TestDatabase } from './support/database';
import { eventually } from './support/eventually';
import { RunningService, startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';

describeLocal('revocation across replicas', () => {
  let database: TestDatabase;
  let a: RunningService;
  let b: RunningService;
  const adminKey = newAccessKey('sc_root');

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey };
    [a, b] = await Promise.all([startService(env), startService(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database.drop();
  });

  it('a key revoked through replica A is refused by replica B, which had cached its token, within a second', async () => {
    const admin = callAs(adminKey, a.url);
    const { clientId } = (await (await admin('POST', '/v1/clients', { name: 'reader', permissions: ['users:read'] })).json()) as { clientId: string };
    const key = (await (await admin('POST', `/v1/clients/${clientId}/access-keys`)).json()) as { keyId: string; accessKey: string };
    const token = await clientToken(key.accessKey, b.url);
    const onB = () => fetch(`${b.url}/v1/users/nobody`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);
    expect(await onB()).toBe(404);
    expect(await onB()).toBe(404); // now served from B's cache

    await expect(await admin('DELETE', `/v1/clients/${clientId}/access-keys/${key.keyId}`)).toHaveStatus(204);
    const revokedAt = Date.now();
    await eventually(async () => expect(await onB()).toBe(401), 1000);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });
});
