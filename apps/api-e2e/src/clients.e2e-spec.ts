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
    const [user] = await sut.database!.query<{ id: string }>(`INSERT INTO users (user_id, name, email, picture) VALUES ('oauth2|a b/c', 'Ada', 'ada@example.com', 'https://img.example/ada.png') RETURNING id`);
    await sut.database!.query(`INSERT INTO identities (user_id, issuer, subject, connection) VALUES ($1, 'https://idp.example', 'a b/c', 'google')`, [user.id]);
  });
  afterAll(() => sut.close());

  async function newClient(permissions: string[]): Promise<{ clientId: string; accessKey: string }> {
    const created = await admin('POST', '/v1/clients', { name: `client ${permissions.join(' ')}`, permissions });
    expect(created.status).toBe(201);
    const { clientId } = (await created.json()) as { clientId: string };
    const key = await admin('POST', `/v1/clients/${clientId}/access-keys`);
    expect(key.status).toBe(201);
    return { clientId, accessKey: ((await key.json()) as { accessKey: string }).accessKey };
  }

  it('the SDK signs with a service-client key and getUser is accepted; a client without users:read gets 403', async () => {
    const reader = await newClient(['users:read']);
    const sdk = new AuthressClient({ authressApiUrl: sut.url }, new ServiceClientTokenProvider(reader.accessKey, sut.url));
    const response = await sdk.users.getUser('oauth2|a b/c');
    expect(response.status).toBe(200);
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
    expect((await asDelegate('POST', '/v1/clients', { name: 'ok', permissions: ['users:read'] })).status).toBe(201);
    const refused = await asDelegate('POST', '/v1/clients', { name: 'escalate', permissions: ['users:delete'] });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { title: string }).title).toContain('users:delete');
    expect((await asDelegate('POST', '/v1/clients', { name: 'star', permissions: ['*'] })).status).toBe(403);
  });

  it('validates client bodies strictly (unknown keys, unknown permissions) and hides private keys from listings', async () => {
    const unknownKey = await admin('POST', '/v1/clients', { name: 'x', extra: true });
    expect(unknownKey.status).toBe(400);
    expect(((await unknownKey.json()) as { title: string }).title).toContain('extra');
    const badPermission = await admin('POST', '/v1/clients', { name: 'x', permissions: ['root'] });
    expect(badPermission.status).toBe(400);
    expect(((await badPermission.json()) as { title: string }).title).toMatch(/^permissions/);
    const list = (await (await admin('GET', '/v1/clients')).json()) as { clients: Array<Record<string, unknown>> };
    expect(list.clients.length).toBeGreaterThan(0);
    expect(JSON.stringify(list)).not.toContain('MC4CAQAwBQYDK2VwBCIEI');
    expect((await admin('POST', '/v1/clients/sc_missing/access-keys')).status).toBe(404);
  });

  it('requires clients:write for every clients route', async () => {
    const reader = await newClient(['users:read']);
    const asReader = callAs(reader.accessKey, sut.url);
    expect((await asReader('GET', '/v1/clients')).status).toBe(403);
    expect((await asReader('POST', '/v1/clients', { name: 'x' })).status).toBe(403);
    expect((await fetch(`${sut.url}/v1/clients`)).status).toBe(401);
  });
});
