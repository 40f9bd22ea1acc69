import { AuthressClient, ServiceClientTokenProvider } from '@authress/sdk';
import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

describeLocal('service clients and the published @authress/sdk', () => {
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_root');
  let admin: ReturnType<typeof callAs>;

  beforeAll(async () => {
    sut = await serviceUnderTest({ ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
    admin = callAs(adminKey, sut.url);
    const user = await sut.database!.factory.user({ userId: 'oauth2|a b/c', name: 'Ada', email: 'ada@example.com', picture: 'https://img.example/ada.png' });
    await sut.database!.factory.identity({ user, issuer: 'https://idp.example', subject: 'a b/c', connection: 'google' });
  });
  afterAll(() => sut.close());

  async function newClient(permissions: string[]): Promise<{ clientId: string; accessKey: string }> {
    const created = await admin('POST', '/v1/clients', { name: `client ${permissions.join(' ')}`, permissions });
    await expect(created).toHaveStatus(201);
    const { clientId } = (await created.json()) as { clientId: string };
    const key = await admin('POST', `/v1/clients/${clientId}/access-keys`);
    await expect(key).toHaveStatus(201);
    return { clientId, accessKey: ((await key.json()) as { accessKey: string }).accessKey };
  }

  it('the SDK signs with a service-client key and getUser is accepted; a client without users:read gets 403', async () => {
    const reader = await newClient(['users:read']);
    const sdk = new AuthressClient({ authressApiUrl: sut.url }, new ServiceClientTokenProvider(reader.accessKey, sut.url));
    const response = await sdk.users.getUser('oauth2|a b/c');
    await expect(response).toHaveStatus(200);
    expect(response.data).toMatchObject({ userId: 'oauth2|a b/c', name: 'Ada', email: 'ada@example.com', picture: 'https://img.example/ada.png' });

    const outsider = await newClient(['tenants:read']);
    const denied = new AuthressClient({ authressApiUrl: sut.url }, new ServiceClientTokenProvider(outsider.accessKey, sut.url));
    const error = await denied.users.getUser('oauth2|a b/c').then(() => undefined, (e: { status: number; data: unknown }) => e);
    expect(error?.status).toBe(403);
    expect(error?.data).toMatchObject({ errorCode: 'Forbidden', errorId: expect.any(String) });
  });

  it('lets a caller grant a new client only the permissions it holds', async () => {
    const delegate = await newClient(['clients:write', 'users:read']);
    const asDelegate = callAs(delegate.accessKey, sut.url);
    await expect(await asDelegate('POST', '/v1/clients', { name: 'ok', permissions: ['users:read'] })).toHaveStatus(201);
    const refused = await asDelegate('POST', '/v1/clients', { name: 'escalate', permissions: ['users:delete'] });
    await expect(refused).toHaveStatus(403);
    expect(((await refused.json()) as { title: string }).title).toContain('users:delete');
    await expect(await asDelegate('POST', '/v1/clients', { name: 'star', permissions: ['*'] })).toHaveStatus(403);
  });

  it('validates client bodies strictly (unknown keys, unknown permissions) and hides private keys from listings', async () => {
    const unknownKey = await admin('POST', '/v1/clients', { name: 'x', extra: true });
    await expect(unknownKey).toHaveStatus(400);
    expect(((await unknownKey.json()) as { title: string }).title).toContain('extra');
    const badPermission = await admin('POST', '/v1/clients', { name: 'x', permissions: ['root'] });
    await expect(badPermission).toHaveStatus(400);
    expect(((await badPermission.json()) as { title: string }).title).toMatch(/^permissions/);
    const list = (await (await admin('GET', '/v1/clients')).json()) as { clients: Array<Record<string, unknown>> };
    expect(list.clients.length).toBeGreaterThan(0);
    expect(JSON.stringify(list)).not.toContain('MC4CAQAwBQYDK2VwBCIEI');
    await expect(await admin('POST', '/v1/clients/sc_missing/access-keys')).toHaveStatus(404);
  });

  it('requires clients:write for every clients route', async () => {
    const reader = await newClient(['users:read']);
    const asReader = callAs(reader.accessKey, sut.url);
    await expect(await asReader('GET', '/v1/clients')).toHaveStatus(403);
    await expect(await asReader('POST', '/v1/clients', { name: 'x' })).toHaveStatus(403);
    await expect(await fetch(`${sut.url}/v1/clients`)).toHaveStatus(401);
  });
});
