import { spawnSync } from 'node:child_process';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { authressSdk } from './support/authress-sdk';
import { eventually } from './support/eventually';
import { CLI_JS } from './support/paths';
import { RunningService, startService, testSecretKey } from './support/service';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

type SdkError = { status: number; data: { errorCode?: string; title?: string; errorId?: string } };
const failure = (call: Promise<unknown>) => call.then(() => undefined as SdkError | undefined, (error: SdkError) => error);

describeLocal('client management: no escalation through another client', () => {
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_root');
  const adminKeyId = adminKey.split('.')[1];
  let admin: ReturnType<typeof callAs>;

  beforeAll(async () => {
    sut = await serviceUnderTest({ ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
    admin = callAs(adminKey, sut.url);
  });
  afterAll(() => sut.close());

  async function newClient(permissions: string[], as = admin): Promise<{ clientId: string; keyId: string; accessKey: string }> {
    const created = await as('POST', '/v1/clients', { name: `client ${permissions.join(' ')}`, permissions });
    await expect(created).toHaveStatus(201);
    const { clientId } = (await created.json()) as { clientId: string };
    const key = await as('POST', `/v1/clients/${clientId}/access-keys`);
    await expect(key).toHaveStatus(201);
    const { keyId, accessKey } = (await key.json()) as { keyId: string; accessKey: string };
    return { clientId, keyId, accessKey };
  }


  it('a clients:write client cannot mint, revoke, change or delete the admin client (through @authress/sdk)', async () => {
    const writer = await newClient(['clients:write']);
    const { client: sdk, http } = authressSdk(sut.url, writer.accessKey);
    const attempts = [
      failure(sdk.serviceClients.requestAccessKey('sc_root')),
      failure(sdk.serviceClients.deleteAccessKey('sc_root', adminKeyId)),
      failure(http.patch('/v1/clients/sc_root', { name: 'mine now' })),
      failure(sdk.serviceClients.deleteClient('sc_root')),
    ];
    for (const error of await Promise.all(attempts)) {
      expect(error?.status).toBe(403);
      expect(error?.data).toMatchObject({ errorCode: 'Forbidden', title: expect.stringContaining('*'), errorId: expect.any(String) });
    }
    // The admin's key still works and still has its name; the writer may read it.
    const root = (await sdk.serviceClients.getClient('sc_root')).data as unknown as { name: string; keys: Array<{ keyId: string; revokedTime?: string }> };
    expect(root.keys.find((key) => key.keyId === adminKeyId)?.revokedTime).toBeUndefined();
    expect(root.name).not.toBe('mine now');
  });

  it('a delegate may manage a client only while it holds every permission that client holds or would hold', async () => {
    const delegate = await newClient(['clients:write', 'users:read']);
    const asDelegate = callAs(delegate.accessKey, sut.url);
    const reader = await newClient(['users:read'], asDelegate);
    const deleter = await newClient(['users:delete']);

    await expect(await asDelegate('POST', `/v1/clients/${reader.clientId}/access-keys`)).toHaveStatus(201);
    await expect(await asDelegate('PATCH', `/v1/clients/${reader.clientId}`, { name: 'renamed reader' })).toHaveStatus(200);
    const raise = await asDelegate('PATCH', `/v1/clients/${reader.clientId}`, { permissions: ['users:read', 'users:delete'] });
    await expect(raise).toHaveStatus(403);
    expect(((await raise.json()) as { title: string }).title).toContain('users:delete');
    for (const [method, path] of [
      ['POST', `/v1/clients/${deleter.clientId}/access-keys`],
      ['DELETE', `/v1/clients/${deleter.clientId}/access-keys/${deleter.keyId}`],
      ['PATCH', `/v1/clients/${deleter.clientId}`],
      ['DELETE', `/v1/clients/${deleter.clientId}`],
    ]) {
      const response = await asDelegate(method, path, method === 'PATCH' ? { permissions: ['users:read'] } : undefined);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
    }
    // Its own key it may revoke (it holds what it holds).
    await expect(await asDelegate('DELETE', `/v1/clients/${delegate.clientId}/access-keys/${delegate.keyId}`)).toHaveStatus(204);
  });

  it('GET /v1/clients/{clientId} lists the keys with created, revoked and last used, never the key itself', async () => {
    const reader = await newClient(['users:read']);
    const second = (await (await admin('POST', `/v1/clients/${reader.clientId}/access-keys`)).json()) as { keyId: string };
    await expect(await callAs(reader.accessKey, sut.url)('GET', '/v1/users/nobody')).toHaveStatus(404);
    await expect(await admin('DELETE', `/v1/clients/${reader.clientId}/access-keys/${second.keyId}`)).toHaveStatus(204);
    await eventually(async () => {
      const response = await admin('GET', `/v1/clients/${reader.clientId}`);
      await expect(response).toHaveStatus(200);
      const body = (await response.json()) as { clientId: string; permissions: string[]; keys: Array<Record<string, string>> };
      expect(body).toMatchObject({ clientId: reader.clientId, permissions: ['users:read'] });
      expect(body.keys).toEqual([
        { keyId: reader.keyId, createdTime: expect.any(String), lastUsedTime: expect.any(String) },
        { keyId: second.keyId, createdTime: expect.any(String), revokedTime: expect.any(String) },
      ]);
      expect(JSON.stringify(body)).not.toContain('MC4CAQAwBQYDK2VwBCIEI');
    }, 2000);
    await expect(await admin('GET', '/v1/clients/sc_missing')).toHaveStatus(404);
  });

  it('PATCH changes permissions at once: a cached token loses what was taken away', async () => {
    const reader = await newClient(['users:read']);
    const token = await clientToken(reader.accessKey, sut.url);
    const read = () => fetch(`${sut.url}/v1/users/nobody`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);
    expect(await read()).toBe(404);
    expect(await read()).toBe(404); // cached now
    const patched = await admin('PATCH', `/v1/clients/${reader.clientId}`, { permissions: ['tenants:read'] });
    await expect(patched).toHaveStatus(200);
    expect(await patched.json()).toMatchObject({ clientId: reader.clientId, permissions: ['tenants:read'] });
    await eventually(async () => expect(await read()).toBe(403), 1000);
    const unknownKey = await admin('PATCH', `/v1/clients/${reader.clientId}`, { permissions: ['tenants:read'], owner: 'x' });
    await expect(unknownKey).toHaveStatus(400);
  });

  it('DELETE /v1/clients/{clientId} revokes every key at once and the client is gone', async () => {
    const victim = await newClient(['users:read']);
    const second = (await (await admin('POST', `/v1/clients/${victim.clientId}/access-keys`)).json()) as { accessKey: string };
    const statuses = () => Promise.all([victim.accessKey, second.accessKey].map((key) => callAs(key, sut.url)('GET', '/v1/users/nobody').then((res) => res.status)));
    expect(await statuses()).toEqual([404, 404]);
    await expect(await admin('DELETE', `/v1/clients/${victim.clientId}`)).toHaveStatus(204);
    await eventually(async () => expect(await statuses()).toEqual([401, 401]), 1000);
    await expect(await admin('GET', `/v1/clients/${victim.clientId}`)).toHaveStatus(404);
    await expect(await admin('DELETE', `/v1/clients/${victim.clientId}`)).toHaveStatus(404);
    await expect(await admin('POST', `/v1/clients/${victim.clientId}/access-keys`)).toHaveStatus(404);
    const list = (await (await admin('GET', '/v1/clients')).json()) as { clients: Array<{ clientId: string }> };
    expect(list.clients.map((client) => client.clientId)).not.toContain(victim.clientId);
  });
});

describeLocal('break glass: admin-key and a deleted bootstrap client', () => {
  it('the CLI registers a working all-permission key; a deleted bootstrap client stays deleted after a restart', async () => {
    const adminKey = newAccessKey('sc_boot');
    const secret = testSecretKey();
    const sut = await serviceUnderTest({ ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, ROSTER_SECRET_KEY: secret });
    let restarted: RunningService | undefined;
    try {
      const env = { ...process.env, DATABASE_URL: sut.database!.url, ROSTER_SECRET_KEY: secret, ROSTER_ACCOUNT_ID: ACCOUNT_ID };
      const run = spawnSync(process.execPath, [CLI_JS, 'admin-key'], { env, encoding: 'utf8' });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.stringContaining('shown only this once') });
      const breakGlass = run.stdout.trim();
      expect(breakGlass).toMatch(/^sc_[0-9a-f]+\.[0-9a-f]+\.acc_test\.MC4CAQAwBQYDK2VwBCIEI/);
      // client-token turns the key into a bearer token a shell can use.
      const minted = spawnSync(process.execPath, [CLI_JS, 'client-token', '--ttl', '5m'], { env: { ...env, ROSTER_ACCESS_KEY: breakGlass }, encoding: 'utf8' });
      expect({ status: minted.status, stderr: minted.stderr }).toEqual({ status: 0, stderr: '' });
      await expect(await fetch(`${sut.url}/v1/clients`, { headers: { authorization: `Bearer ${minted.stdout.trim()}` } })).toHaveStatus(200);
      const tooLong = spawnSync(process.execPath, [CLI_JS, 'client-token', '--ttl', '2d', '--access-key', breakGlass], { env, encoding: 'utf8' });
      expect({ status: tooLong.status, stderr: tooLong.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('at most 24h') });
      const asBreakGlass = callAs(breakGlass, sut.url);
      await expect(await asBreakGlass('DELETE', '/v1/clients/sc_boot')).toHaveStatus(204);
      await eventually(async () => expect(await callAs(adminKey, sut.url)('GET', '/v1/clients')).toHaveStatus(401), 1000);

      await sut.service!.stop();
      restarted = await startService({ DATABASE_URL: sut.database!.url, ROSTER_SECRET_KEY: env.ROSTER_SECRET_KEY, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
      await expect(await callAs(adminKey, restarted.url)('GET', '/v1/clients')).toHaveStatus(401);
      await expect(await callAs(breakGlass, restarted.url)('POST', '/v1/clients', { name: 'new admin', permissions: ['*'] })).toHaveStatus(201);
    } finally {
      await restarted?.stop();
      await sut.close();
    }
  });
});
