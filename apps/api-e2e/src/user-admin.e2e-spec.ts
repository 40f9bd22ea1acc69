import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { eventually } from './support/eventually';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { signIn } from './support/sign-in';
import { API_AUDIENCE, TestIssuer } from './support/test-issuer';

describeLocal("administrators' user routes: PATCH /v1/users/{userId}, sessions, GET /v1/overview", () => {
  let sut: ServiceUnderTest;
  let idp: TestIssuer;
  const adminKey = newAccessKey('sc_root');
  let admin: ReturnType<typeof callAs>;
  let reader: ReturnType<typeof callAs>;

  const eventsOf = (userId: string, type: string) =>
    sut.database!.query(`SELECT actor_type, actor_id, data FROM events WHERE user_id = $1 AND type = $2 ORDER BY seq`, [userId, type]);
  const status = (token: string) => fetch(`${sut.url}/user`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE });
    admin = callAs(adminKey, sut.url);
    const { clientId } = (await (await admin('POST', '/v1/clients', { name: 'reader', permissions: ['users:read'] })).json()) as { clientId: string };
    reader = callAs(((await (await admin('POST', `/v1/clients/${clientId}/access-keys`)).json()) as { accessKey: string }).accessKey, sut.url);
  });
  afterAll(async () => {
    await sut?.close();
    await idp?.stop();
  });

  describe('PATCH /v1/users/{userId}', () => {
    it('edits name, username, picture and vanity name with If-Match, records user.updated once with the client as actor', async () => {
      await sut.database!.factory.user({ userId: 'edit|ada', name: 'Ada' });
      const read = await admin('GET', '/v1/users/edit%7Cada');
      await expect(read).toHaveStatus(200);
      const etag = read.headers.get('etag')!;
      expect(etag).toMatch(/^"\d+"$/);

      const token = await clientToken(adminKey, sut.url);
      const res = await fetch(`${sut.url}/v1/users/edit%7Cada`, {
        method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify({ name: 'Ada Lovelace', username: 'ada', picture: 'https://example.com/ada.png', vanityName: 'ada-l' }),
      });
      await expect(res).toHaveStatus(200);
      expect(res.headers.get('etag')).not.toBe(etag);
      expect(await res.json()).toMatchObject({ userId: 'edit|ada', name: 'Ada Lovelace', username: 'ada', picture: 'https://example.com/ada.png', vanityName: 'ada-l' });

      const events = await eventsOf('edit|ada', 'user.updated');
      expect(events).toEqual([{ actor_type: 'client', actor_id: 'sc_root', data: { fields: ['name', 'username', 'picture', 'vanityname'], version: Number(res.headers.get('etag')!.replace(/"/g, '')) } }]);
    });

    it('refuses a stale If-Match with 412 whose ETag names the newer version, and changes nothing', async () => {
      await sut.database!.factory.user({ userId: 'edit|bob', name: 'Bob' });
      const etag = (await admin('GET', '/v1/users/edit%7Cbob')).headers.get('etag')!;
      const token = await clientToken(adminKey, sut.url);
      const patch = (name: string, ifMatch: string) => fetch(`${sut.url}/v1/users/edit%7Cbob`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': ifMatch }, body: JSON.stringify({ name }) });
      const first = await patch('Robert', etag);
      await expect(first).toHaveStatus(200);
      const stale = await patch('Bobby', etag);
      await expect(stale).toHaveStatus(412);
      expect(stale.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(await stale.json()).toMatchObject({ errorCode: 'PreconditionFailed' });
      expect(((await (await admin('GET', '/v1/users/edit%7Cbob')).json()) as { name: string }).name).toBe('Robert');
      expect(await eventsOf('edit|bob', 'user.updated')).toHaveLength(1);
    });

    it('is 409 for a taken vanity name, 400 for an unknown field, 404 for no such user, 403 without users:write', async () => {
      await sut.database!.factory.user({ userId: 'edit|cy', name: 'Cy' });
      await expect(await admin('PATCH', '/v1/users/edit%7Ccy', { vanityName: 'ada-l' })).toHaveStatus(409);
      await expect(await admin('PATCH', '/v1/users/edit%7Ccy', { email: 'x@example.com' })).toHaveStatus(400);
      await expect(await admin('PATCH', '/v1/users/nobody', { name: 'X' })).toHaveStatus(404);
      await expect(await reader('PATCH', '/v1/users/edit%7Ccy', { name: 'X' })).toHaveStatus(403);
    });
  });

  describe('GET/DELETE /v1/users/{userId}/sessions', () => {
    it('lists open sessions and ends one: that token is refused, the other still works; user.signed_out names the admin', async () => {
      const one = await signIn(sut.url, idp, 'sess|dee', { claims: { sid: 's1' } });
      const two = await signIn(sut.url, idp, 'sess|dee', { claims: { sid: 's2' } });
      const listed = await reader('GET', '/v1/users/sess%7Cdee/sessions');
      await expect(listed).toHaveStatus(200);
      const { sessions } = (await listed.json()) as { sessions: Array<{ sessionId: string; issuer: string }> };
      expect(sessions).toHaveLength(2);
      expect(sessions[0].issuer).toBe(idp.issuer);

      const ended = sessions[1].sessionId; // the older one: s1
      await expect(await reader('DELETE', `/v1/users/sess%7Cdee/sessions/${ended}`)).toHaveStatus(403);
      await expect(await admin('DELETE', `/v1/users/sess%7Cdee/sessions/${ended}`)).toHaveStatus(204);
      expect(await status(one.token)).toBe(401);
      expect(await status(two.token)).toBe(200);
      await expect(await admin('DELETE', `/v1/users/sess%7Cdee/sessions/${ended}`)).toHaveStatus(404);
      expect(await eventsOf('sess|dee', 'user.signed_out')).toEqual([{ actor_type: 'client', actor_id: 'sc_root', data: { reason: 'admin', sessionIds: [ended] } }]);
    });

    it('ends all sessions: every token issued so far is refused', async () => {
      const one = await signIn(sut.url, idp, 'sess|eve', { claims: { sid: 'a' } });
      const two = await signIn(sut.url, idp, 'sess|eve');
      await new Promise((resolve) => setTimeout(resolve, 1100)); // tokens_valid_after has whole seconds: a token of this second would be refused too
      await expect(await admin('DELETE', '/v1/users/sess%7Ceve/sessions')).toHaveStatus(204);
      expect(await status(one.token)).toBe(401);
      expect(await status(two.token)).toBe(401);
      expect(((await (await reader('GET', '/v1/users/sess%7Ceve/sessions')).json()) as { sessions: unknown[] }).sessions).toEqual([]);
    });
  });

  describe('GET /v1/users/{userId}/deletion', () => {
    it('is none while the user lives, running once DELETE answered, finished when the job has removed the row', async () => {
      await sut.database!.factory.user({ userId: 'gone|fay', name: 'Fay' });
      const deletion = async () => (await (await reader('GET', '/v1/users/gone%7Cfay/deletion')).json()) as { status: string };
      expect(await deletion()).toEqual({ status: 'none' });
      await expect(await admin('DELETE', '/v1/users/gone%7Cfay')).toHaveStatus(202);
      expect(['running', 'finished']).toContain((await deletion()).status);
      await eventually(async () => expect(await deletion()).toEqual({ status: 'finished' }), 20_000);
    });
  });

  describe('GET /v1/overview', () => {
    it('counts users, tenants and clients exactly while small, and sign-ins of the last 24 hours', async () => {
      const res = await reader('GET', '/v1/overview');
      await expect(res).toHaveStatus(200);
      const overview = (await res.json()) as Record<string, { value: number; estimated: boolean }>;
      const [{ n }] = await sut.database!.query(`SELECT count(*)::int AS n FROM users WHERE deleting_at IS NULL`);
      expect(overview.users).toEqual({ value: n, estimated: false });
      expect(overview.clients).toEqual({ value: 2, estimated: false });
      expect(overview.tenants).toEqual({ value: 0, estimated: false });
      expect(overview.failingWebhooks).toEqual({ value: 0, estimated: false });
      expect(overview.signInsLast24Hours.estimated).toBe(false);
    });
  });
});
