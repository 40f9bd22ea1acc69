import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { authressSdk } from './support/authress-sdk';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

interface UserIdentity {
  userId: string;
  email?: string;
  linkedIdentities: Array<{ connection: { userId: string } }>;
}
interface Page {
  users: UserIdentity[];
}

/** The Authress contract for a userId, as the published Python SDK checks it, and what PostgreSQL reads as a uuid. */
const AUTHRESS_USER_ID = /^[a-zA-Z0-9+._|\/~:@\s-]+$/;
const uuidShaped = (value: string) => /^[0-9a-f]{32}$/i.test(value.replace(/[-{}\s]/g, ''));

describeLocal('sign-in data: verified emails only, userIds that fit the Authress contract', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_admin');
  let admin: ReturnType<typeof callAs>;

  const fromToken = async (body: Record<string, string>) => {
    const res = await fetch(`${sut.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect([res.status, await res.clone().text()]).toEqual([200, expect.any(String)]);
    return (await res.json()) as { id: string; email?: string };
  };
  const managed = async (path: string) => {
    const res = await admin('GET', path);
    await expect(res).toHaveStatus(200);
    return res.json();
  };

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
    admin = callAs(adminKey, sut.url);
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
  });

  describe('POST /users/authenticate/from_token with an unverified email', () => {
    it.each([
      ['email_verified: false in an ID token', 'eve-false', { email: 'eve@unverified.example', email_verified: false }, 'id_token'],
      ['email_verified absent in an access token', 'eve-absent', { email: 'eve2@unverified.example', email_verified: undefined }, 'access_token'],
      ['email_verified "false" in an ID token', 'eve-string', { email: 'eve3@unverified.example', email_verified: 'false' }, 'id_token'],
    ])('%s: not in /user, not in GET /v1/users/{id}, not found by filter', async (_, sub, claims, kind) => {
      const body: Record<string, string> = kind === 'id_token' ? { access_token: await idp.accessToken(sub), id_token: await idp.idToken(sub, claims) } : { access_token: await idp.accessToken(sub, claims) };
      const profile = await fromToken(body);
      expect(profile.email).toBeUndefined();
      const bearer = await idp.accessToken(sub);
      const current = (await (await fetch(`${sut.url}/user`, { headers: { authorization: `Bearer ${bearer}` } })).json()) as { user: { id: string; email?: string } };
      expect(current.user.id).toBe(profile.id);
      expect(JSON.stringify(current)).not.toContain('unverified.example');
      expect(JSON.stringify(await managed(`/v1/users/${profile.id}`))).not.toContain('unverified.example');
      expect(((await managed('/v1/users?filter=unverified.example')) as Page).users).toEqual([]);
      const [row] = await sut.database!.query<{ email: string | null }>(`SELECT email FROM users WHERE id = $1`, [profile.id]);
      expect(row.email).toBeNull();
    });

    it('keeps a verified address when a later token carries an unverified one', async () => {
      const first = await fromToken({ access_token: await idp.accessToken('vera'), id_token: await idp.idToken('vera', { email: 'vera@verified.example' }) });
      expect(first.email).toBe('vera@verified.example');
      const again = await fromToken({ access_token: await idp.accessToken('vera'), id_token: await idp.idToken('vera', { email: 'vera@unverified.example', email_verified: false }) });
      expect(again.email).toBe('vera@verified.example');
      expect(((await managed('/v1/users?filter=verified.example')) as Page).users.map((user) => user.email)).toEqual(['vera@verified.example']);
    });
  });

  describe('userIds of awkward subjects', () => {
    it('fit the contract on a whole page (raw API and @authress/sdk), keep the raw sub on the identity, and never shadow a uuid', async () => {
      const victim = await fromToken({ access_token: await idp.accessToken('victim') });
      const subjects = ['has#hash', 'dXNlcg==', 'a,b,c', 'jöhn', 'x'.repeat(200), victim.id, victim.id.toUpperCase()];
      const profiles = new Map<string, string>();
      for (const sub of subjects) profiles.set(sub, (await fromToken({ access_token: await idp.accessToken(sub) })).id);

      const raw = (await managed('/v1/users?limit=100')) as Page;
      const { client, http } = authressSdk(sut.url, adminKey);
      const viaSdk = (await http.get<Page>(`${sut.url}/v1/users?limit=100`)).data;
      for (const page of [raw, viaSdk]) {
        expect(page.users.length).toBeGreaterThanOrEqual(subjects.length + 1);
        for (const { userId } of page.users) {
          expect([userId, AUTHRESS_USER_ID.test(userId) && userId.length <= 128 && !uuidShaped(userId)]).toEqual([userId, true]);
        }
        const rawSubjects = page.users.flatMap((user) => user.linkedIdentities.map((identity) => identity.connection.userId));
        expect(rawSubjects).toEqual(expect.arrayContaining([...subjects, 'victim']));
      }
      const users = new Map(raw.users.map((user) => [user.linkedIdentities[0]?.connection.userId, user.userId]));
      expect(users.get('victim')).toBe('victim');

      // Each awkward user is found by its userId, through both clients.
      for (const sub of subjects) {
        const userId = users.get(sub)!;
        expect(((await managed(`/v1/users/${encodeURIComponent(userId)}`)) as UserIdentity).linkedIdentities[0].connection.userId).toBe(sub);
        expect(((await client.users.getUser(userId)).data as unknown as UserIdentity).linkedIdentities[0].connection.userId).toBe(sub);
      }

      // The victim's uuid names the victim, not the user whose sub is that uuid.
      for (const path of [victim.id, victim.id.toUpperCase()]) expect(((await managed(`/v1/users/${path}`)) as UserIdentity).userId).toBe('victim');
      expect(((await client.users.getUser(victim.id)).data as unknown as UserIdentity).userId).toBe('victim');
      await expect(await http.delete(`${sut.url}/v1/users/${victim.id}`)).toHaveStatus(202);
      await expect(await admin('GET', `/v1/users/${victim.id}`)).toHaveStatus(404);
      for (const sub of [victim.id, victim.id.toUpperCase()]) {
        const res = await admin('GET', `/v1/users/${encodeURIComponent(users.get(sub)!)}`);
        expect([sub, res.status]).toEqual([sub, 200]);
      }
      const [squatter] = await sut.database!.query<{ deleting_at: Date | null }>(`SELECT deleting_at FROM users WHERE id = $1`, [profiles.get(victim.id)]);
      expect(squatter.deleting_at).toBeNull();
    });

    it('keeps a subject that already fits verbatim', async () => {
      await fromToken({ access_token: await idp.accessToken('google-oauth2|123') });
      expect(((await managed('/v1/users/google-oauth2%7C123')) as UserIdentity).userId).toBe('google-oauth2|123');
    });
  });
});
