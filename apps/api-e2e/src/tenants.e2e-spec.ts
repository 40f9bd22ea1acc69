import { request } from 'node:http';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { authressSdk, sdkFailure } from './support/authress-sdk';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

const PUBLIC_URL = 'https://roster.example.com/base';

describeLocal('tenants API and GET /v1/users?tenantId', () => {
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_root');
  let admin: ReturnType<typeof callAs>;

  async function newClient(permissions: string[]): Promise<string> {
    const { clientId } = (await (await admin('POST', '/v1/clients', { name: permissions.join(' ') || 'none', permissions })).json()) as { clientId: string };
    return ((await (await admin('POST', `/v1/clients/${clientId}/access-keys`)).json()) as { accessKey: string }).accessKey;
  }
  const titleOf = async (res: Response) => ((await res.json()) as { title: string }).title;
  const tenantUsers = async (tenantId: string) =>
    ((await (await admin('GET', `/v1/users?tenantId=${encodeURIComponent(tenantId)}`)).json()) as { users: Array<{ userId: string }> }).users.map((user) => user.userId).sort();

  beforeAll(async () => {
    sut = await serviceUnderTest({ PUBLIC_URL, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
    admin = callAs(adminKey, sut.url);
    await sut.database!.factory.users([{ userId: 't|ada', name: 'Ada' }, { userId: 't|bob', name: 'Bob' }, { userId: 't|cy', name: 'Cy' }, { userId: 't|gone', name: 'Gone' }]);
  });
  afterAll(() => sut.close());

  it('creates tenants in the Authress shape (tenantId generated when absent), lists, gets, and refuses a duplicate with 409', async () => {
    const created = await admin('POST', '/v1/tenants', { tenantId: 'acme:eu-1.prod_x', tenantLookupIdentifier: 'acme', data: { name: 'Acme' }, domains: [{ domain: 'acme.example' }], connection: { connectionId: 'con_1' } });
    await expect(created).toHaveStatus(201);
    const tenant = (await created.json()) as { createdTime: string };
    expect(tenant).toEqual({ tenantId: 'acme:eu-1.prod_x', tenantLookupIdentifier: 'acme', data: { name: 'Acme' }, domains: [{ domain: 'acme.example' }], connection: { connectionId: 'con_1' }, createdTime: expect.any(String) });
    expect(new Date(tenant.createdTime).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const generated = (await (await admin('POST', '/v1/tenants', {})).json()) as { tenantId: string };
    expect(generated.tenantId).toMatch(/^[A-Za-z0-9_.:-]{1,128}$/);
    await expect(await admin('POST', '/v1/tenants', { tenantId: 'acme:eu-1.prod_x' })).toHaveStatus(409);
    await expect(await admin('POST', '/v1/tenants', { tenantId: 'other', tenantLookupIdentifier: 'acme' })).toHaveStatus(409);
    expect(await (await admin('GET', '/v1/tenants/acme%3Aeu-1.prod_x')).json()).toEqual(tenant);
    const list = (await (await admin('GET', '/v1/tenants')).json()) as { tenants: Array<{ tenantId: string }> };
    expect(list.tenants.map((entry) => entry.tenantId)).toEqual(expect.arrayContaining(['acme:eu-1.prod_x', generated.tenantId]));
  });

  it('validates tenant and link bodies strictly: unknown keys (also nested), bad ids and read-only fields are 400 naming the field', async () => {
    const cases: Array<[string, string, object, RegExp]> = [
      ['POST', '/v1/tenants', { tenantId: 'x', extra: 1 }, /^extra/],
      ['POST', '/v1/tenants', { data: { name: 'n', color: 'red' } }, /^data\.color/],
      ['POST', '/v1/tenants', { domains: [{ domain: 'a.example', primary: true }] }, /^domains\.0\.primary/],
      ['POST', '/v1/tenants', { tenantId: 'has space' }, /^tenantId/],
      ['POST', '/v1/tenants', { tenantId: 'x'.repeat(129) }, /^tenantId/],
      ['POST', '/v1/tenants', { createdTime: '2024-01-01T00:00:00Z' }, /^createdTime/],
      ['POST', '/v1/tenants', { domains: [{ domain: 'UPPER.example' }] }, /domain/],
      ['POST', '/v1/tenants', { data: { name: 7 } }, /^data\.name/],
      ['PATCH', '/v1/tenants/acme%3Aeu-1.prod_x/users', { userId: 't|ada', tenantId: 'x' }, /^tenantId/],
      ['PATCH', '/v1/tenants/acme%3Aeu-1.prod_x/users', {}, /^userId/],
      ['PATCH', '/v1/tenants/acme%3Aeu-1.prod_x/users', { userId: 5 }, /^userId/],
    ];
    for (const [method, path, body, title] of cases) {
      const res = await admin(method, path, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(await titleOf(res)).toMatch(title);
    }
  });

  it('links users through the SDK; relinking moves a user; ?tenantId lists only linked users with links from PUBLIC_URL', async () => {
    await admin('POST', '/v1/tenants', { tenantId: 'blue' });
    await admin('POST', '/v1/tenants', { tenantId: 'green' });
    const { http } = authressSdk(sut.url, await newClient(['tenants:write']));
    for (const [tenant, userId] of [['blue', 't|ada'], ['blue', 't|bob'], ['green', 't|cy']]) {
      const linked = await http.patch(`/v1/tenants/${encodeURIComponent(tenant)}/users`, { userId });
      await expect(linked).toHaveStatus(204);
      expect(linked.data).toBe('');
    }
    expect(await tenantUsers('blue')).toEqual(['t|ada', 't|bob']);
    expect(await tenantUsers('green')).toEqual(['t|cy']);
    const [bob] = await sut.database!.query<{ id: string }>(`SELECT id FROM users WHERE user_id = 't|bob'`);
    await expect(await http.patch('/v1/tenants/green/users', { userId: bob.id })).toHaveStatus(204); // by uuid too
    expect(await tenantUsers('blue')).toEqual(['t|ada']);
    expect(await tenantUsers('green')).toEqual(['t|bob', 't|cy']);
    expect(await tenantUsers('nobody-here')).toEqual([]);

    // The Host a request names never leaks into links.
    const body = await new Promise<string>((resolve, reject) => {
      void clientToken(adminKey, sut.url).then((token) =>
        request({ host: '127.0.0.1', port: sut.service!.port, path: '/v1/users?limit=1&tenantId=green', headers: { authorization: `Bearer ${token}`, host: 'evil.example' } }, (res) => {
          let data = '';
          res.on('data', (chunk) => (data += chunk)).on('end', () => resolve(data));
        })
          .on('error', reject)
          .end(),
      );
    });
    const links = (JSON.parse(body) as { links: { self: { href: string }; next?: { href: string } } }).links;
    expect(links.self.href).toBe(`${PUBLIC_URL}/v1/users?limit=1&tenantId=green`);
    expect(links.next?.href).toMatch(new RegExp(`^${PUBLIC_URL}/v1/users\\?limit=1&tenantId=green&cursor=`));
  });

  it('404 names what is missing: the tenant, or the user (also one being deleted)', async () => {
    const { http } = authressSdk(sut.url, await newClient(['tenants:write', 'users:delete']));
    const missingTenant = await http.patch('/v1/tenants/nope/users', { userId: 't|ada' }).then(() => undefined, sdkFailure);
    expect(missingTenant).toMatchObject({ status: 404, data: { title: 'The tenant does not exist.', errorCode: 'NotFound' } });
    const missingUser = await http.patch('/v1/tenants/blue/users', { userId: 't|nobody' }).then(() => undefined, sdkFailure);
    expect(missingUser).toMatchObject({ status: 404, data: { title: 'The user does not exist.' } });
    await expect(await http.delete(`/v1/users/${encodeURIComponent('t|gone')}`)).toHaveStatus(202);
    expect((await http.patch('/v1/tenants/blue/users', { userId: 't|gone' }).then(() => undefined, sdkFailure))?.status).toBe(404);
    await expect(await admin('GET', '/v1/tenants/nope')).toHaveStatus(404);
    await expect(await admin('DELETE', '/v1/tenants/nope')).toHaveStatus(404);
  });

  it('deleting a tenant unlinks its users, who stay', async () => {
    await expect(await admin('DELETE', '/v1/tenants/green')).toHaveStatus(204);
    await expect(await admin('GET', '/v1/tenants/green')).toHaveStatus(404);
    expect(await tenantUsers('green')).toEqual([]);
    await expect(await admin('GET', '/v1/users/t%7Ccy')).toHaveStatus(200);
    expect(await sut.database!.query(`SELECT count(*)::int AS n FROM tenant_users WHERE tenant_id = 'green'`)).toEqual([{ n: 0 }]);
  });

  it('401 without a credential, 403 without the permission, on every tenants route', async () => {
    const routes: Array<[string, string, object | undefined, string]> = [
      ['POST', '/v1/tenants', { tenantId: 'denied' }, 'tenants:write'],
      ['GET', '/v1/tenants', undefined, 'tenants:read'],
      ['GET', '/v1/tenants/blue', undefined, 'tenants:read'],
      ['DELETE', '/v1/tenants/blue', undefined, 'tenants:write'],
      ['PATCH', '/v1/tenants/blue/users', { userId: 't|ada' }, 'tenants:write'],
    ];
    const readOnly = callAs(await newClient(['tenants:read', 'users:read', 'users:delete']), sut.url);
    const writeOnly = callAs(await newClient(['tenants:write', 'users:read']), sut.url);
    for (const [method, path, body, permission] of routes) {
      const init = { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined };
      const anonymous = await fetch(`${sut.url}${path}`, init);
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
      expect(await anonymous.json()).toMatchObject({ errorCode: 'Unauthorized', errorId: expect.any(String) });
      const denied = await (permission === 'tenants:write' ? readOnly : writeOnly)(method, path, body);
      expect([method, path, denied.status]).toEqual([method, path, 403]);
      expect(await titleOf(denied)).toContain(permission);
    }
    expect(await tenantUsers('blue')).toEqual(['t|ada']);
    await expect(await admin('GET', '/v1/tenants/blue')).toHaveStatus(200);
  });
});
