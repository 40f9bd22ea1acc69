import { eventually } from './support/eventually';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { signInWith } from './support/sign-in';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

describeLocal('sessions: one per token or sid, pruned once no token of theirs can be valid', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;

  const fromToken = (body: Record<string, string>) =>
    fetch(`${sut.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const call = (method: string, path: string, token: string) => fetch(`${sut.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const sessionsOf = (userId: string) =>
    sut.database!.query<{ id: string; sid: string | null; ended: boolean; expires_at: Date }>(`SELECT id, sid, ended_at IS NOT NULL AS ended, expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at`, [userId]);

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, SESSIONS_PRUNE_INTERVAL_MS: '1000' });
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
  });

  describe('POST /users/authenticate/from_token', () => {
    it('50 calls with one token, ten at a time, make one session that records the token’s exp', async () => {
      const exp = Math.floor(Date.now() / 1000) + 1800;
      const token = await idp.accessToken('sam', { exp });
      const userId = (await signInWith(sut.url, { access_token: token })).id;
      for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 10 }, () => signInWith(sut.url, { access_token: token })));
      const sessions = await sessionsOf(userId);
      expect(sessions).toHaveLength(1);
      expect(sessions[0].expires_at.getTime()).toBe(exp * 1000);
    });

    it('tokens with one sid share a session, which keeps the latest exp it saw', async () => {
      const now = Math.floor(Date.now() / 1000);
      const userId = (await signInWith(sut.url, { access_token: await idp.accessToken('sid-user', { sid: 's1', exp: now + 600 }) })).id;
      await signInWith(sut.url, { access_token: await idp.accessToken('sid-user', { sid: 's1', exp: now + 1200 }) });
      await signInWith(sut.url, { access_token: await idp.accessToken('sid-user', { sid: 's1', exp: now + 900 }) });
      const sessions = await sessionsOf(userId);
      expect(sessions.map((session) => [session.sid, session.expires_at.getTime()])).toEqual([['s1', (now + 1200) * 1000]]);
    });
  });

  describe('pruning', () => {
    const ago = (ms: number) => new Date(Date.now() - ms);

    /** Adds a session row that the next prune run removes, and waits until a run has removed it. */
    async function awaitPruneRun(userId: string): Promise<void> {
      const canary = await sut.database!.factory.session({ user: { id: userId }, issuer: 'canary', endedAt: new Date(), expiresAt: ago(3600_000) });
      await eventually(async () => expect(await sut.database!.query(`SELECT 1 FROM sessions WHERE id = $1`, [canary.id])).toEqual([]), 20_000);
    }

    it('keeps an ended session while its token is valid: after POST /user/clear and a prune run the token is still 401', async () => {
      const token = await idp.accessToken('clearer');
      const userId = (await signInWith(sut.url, { access_token: token })).id;
      await expect(await call('POST', '/user/clear', token)).toHaveStatus(204);
      await awaitPruneRun(userId);
      await expect(await call('GET', '/user', token)).toHaveStatus(401);
      await expect(await fromToken({ access_token: token })).toHaveStatus(401);
      expect(await sessionsOf(userId)).toEqual([expect.objectContaining({ ended: true })]);
    });

    it('removes sessions past their expiry (ended or open); a sid session a day longer; unknown expiry never', async () => {
      const userId = (await signInWith(sut.url, { access_token: await idp.accessToken('pruned') })).id;
      const rows: Array<[string, string | null, Date | null, Date | null]> = [
        ['ended, expired', null, ago(0), ago(60_000)],
        ['open, expired', null, null, ago(60_000)],
        ['ended sid, expired an hour ago', 'sid-a', ago(0), ago(3600_000)],
        ['ended sid, expired two days ago', 'sid-b', ago(0), ago(2 * 86400_000)],
        ['ended, expiry within the clock skew', null, ago(0), ago(5_000)],
        ['ended, expiry unknown', null, ago(0), null],
      ];
      for (const [issuer, sid, endedAt, expiresAt] of rows) await sut.database!.factory.session({ user: { id: userId }, issuer, sid, endedAt, expiresAt });
      await awaitPruneRun(userId);
      const left = await sut.database!.query<{ issuer: string }>(`SELECT issuer FROM sessions WHERE user_id = $1 ORDER BY issuer`, [userId]);
      expect(left.map((row) => row.issuer)).toEqual(['ended sid, expired an hour ago', 'ended, expiry unknown', 'ended, expiry within the clock skew', idp.issuer].sort());
    });
  });
});
