import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { eventually } from './support/eventually';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { signIn } from './support/sign-in';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

describeLocal('races', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_admin');

  const post = (path: string, token: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`${sut.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
  });

  it('of 10 concurrent updates with the same If-Match, exactly one wins and the rest are 412', async () => {
    const { token, etag, id } = await signIn(sut.url, idp, 'contender');
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => post('/user/update', token, { name: `Writer ${i}` }, { 'if-match': etag }).then((res) => res.status)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(9);
    const [row] = await sut.database!.query<{ name: string; version: number }>(`SELECT name, version FROM users WHERE id = $1`, [id]);
    expect(row.name).toBe(`Writer ${statuses.indexOf(200)}`);
  });

  it('of 10 users claiming one vanity name at once, exactly one gets it and the rest are 409', async () => {
    const claimants = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(sut.url, idp, `claimant-${i}`)));
    const statuses = await Promise.all(claimants.map(({ token }) => post('/user/update/vanity', token, { vanityname: 'the-one' }).then((res) => res.status)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(9);
    const owners = await sut.database!.query<{ id: string }>(`SELECT id FROM users WHERE vanityname = 'the-one'`);
    expect(owners).toEqual([{ id: claimants[statuses.indexOf(200)].id }]);
  });

  it('a delete racing with updates and sign-ins leaves no orphan rows', async () => {
    const { token, id } = await signIn(sut.url, idp, 'racer');
    const admin = await clientToken(adminKey, sut.url);
    const writes = Array.from({ length: 20 }, (_, i) => post('/user/update', token, { name: `Racer ${i}` }).then((res) => res.status));
    const signIns = Array.from({ length: 5 }, () => fetch(`${sut.url}/user/select`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' }).then((res) => res.status));
    const deletion = fetch(`${sut.url}/v1/users/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } }).then((res) => res.status);
    const statuses = await Promise.all([...writes, ...signIns, deletion]);
    expect(statuses.at(-1)).toBe(202);
    expect(statuses.every((status) => [200, 401, 404].includes(status) || status === 202)).toBe(true);
    await eventually(async () => {
      const [left] = await sut.database!.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM users WHERE id = $1) AS users, (SELECT count(*)::int FROM identities WHERE user_id = $1) AS identities,
                (SELECT count(*)::int FROM sessions WHERE user_id = $1) AS sessions, (SELECT count(*)::int FROM identities i LEFT JOIN users u ON u.id = i.user_id WHERE u.id IS NULL) AS orphans`,
        [id],
      );
      expect(left).toEqual({ users: 0, identities: 0, sessions: 0, orphans: 0 });
    }, 15_000);
    // The same replica refuses the deleted user's token at once (its cache is dropped again on commit).
    await expect(await post('/user/update', token, { name: 'ghost' })).toHaveStatus(401);
  });
});
