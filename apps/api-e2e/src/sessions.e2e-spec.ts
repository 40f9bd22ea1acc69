import { eventually } from './support/eventually';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

describeLocal('sessions: one per token or sid, pruned once no token of theirs can be valid', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;

  const fromToken = (body: Record<string, string>) =>
    fetch(`${sut.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const call = (method: string, path: string, token: string) => fetch(`${sut.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const sessionsOf = (userId: string) =>
    sut.database!.query<{ id: string; sid: string | null; ended: boolean; expires_at: Date }>(`SELECT id, sid, ended_at IS NOT NULL AS ended, expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at`, [userId]);
  async function signIn(body: Record<string, string>): Promise<string> {
    const res = await fromToken(body);
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string }).id;
  }

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
      const userId = await signIn({ access_token: token });
      for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 10 }, () => signIn({ access_token: token })));
      const sessions = await sessionsOf(userId);
      expect(sessions).toHaveLength(1);
      expect(sessions[0].expires_at.getTime()).toBe(exp * 1000);
    });

    it('tokens with one sid share a session, which keeps the latest exp it saw', async () => {
      const now = Math.floor(Date.now() / 1000);
      const userId = await signIn({ access_token: await idp.accessToken('sid-user', { sid: 's1', exp: now + 600 }) });
      await signIn({ access_token: await idp.accessToken('sid-user', { sid: 's1', exp: now + 1200 }) });
      await signIn({ access_token: await idp.accessToken('sid-user', { sid: 's1', exp: now + 900 }) });
      const sessions = await sessionsOf(userId);
      expect(sessions.map((session) => [session.sid, session.expires_at.getTime()])).toEqual([['s1', (now + 1200) * 1000]]);
    });
  });

  describe('pruning', () => {
    /** Adds a session row that the next prune run removes, and waits until a run has removed it. */
    async function awaitPruneRun(userId: string): Promise<void> {
      const [canary] = await sut.database!.query<{ id: string }>(`INSERT INTO sessions (user_id, issuer, ended_at, expires_at) VALUES ($1, 'canary', now(), now() - interval '1 hour') RETURNING id`, [userId]);
      await eventually(async () => expect(await sut.database!.query(`SELECT 1 FROM sessions WHERE id = $1`, [canary.id])).toEqual([]), 20_000);
    }

    it('keeps an ended session while its token is valid: after POST /user/clear and a prune run the token is still 401', async () => {
      const token = await idp.accessToken('clearer');
      const userId = await signIn({ access_token: token });
      expect((await call('POST', '/user/clear', token)).status).toBe(204);
      await awaitPruneRun(userId);
      expect((await call('GET', '/user', token)).status).toBe(401);
      expect((await fromToken({ access_token: token })).status).toBe(401);
      expect(await sessionsOf(userId)).toEqual([expect.objectContaining({ ended: true })]);
    });

    it('removes sessions past their expiry (ended or open); a sid session a day longer; unknown expiry never', async () => {
      const userId = await signIn({ access_token: await idp.accessToken('pruned') });
      const rows: Array<[string, string | null, string | null, string | null]> = [
        ['ended, expired', null, 'now()', `now() - interval '1 minute'`],
        ['open, expired', null, null, `now() - interval '1 minute'`],
        ['ended sid, expired an hour ago', 'sid-a', 'now()', `now() - interval '1 hour'`],
        ['ended sid, expired two days ago', 'sid-b', 'now()', `now() - interval '2 days'`],
        ['ended, expiry within the clock skew', null, 'now()', `now() - interval '5 seconds'`],
        ['ended, expiry unknown', null, 'now()', null],
      ];
      for (const [issuer, sid, ended, expires] of rows) {
        await sut.database!.query(`INSERT INTO sessions (user_id, issuer, sid, ended_at, expires_at) VALUES ($1, $2, $3, ${ended ?? 'NULL'}, ${expires ?? 'NULL'})`, [userId, issuer, sid]);
      }
      await awaitPruneRun(userId);
      const left = await sut.database!.query<{ issuer: string }>(`SELECT issuer FROM sessions WHERE user_id = $1 ORDER BY issuer`, [userId]);
      expect(left.map((row) => row.issuer)).toEqual(['ended sid, expired an hour ago', 'ended, expiry unknown', 'ended, expiry within the clock skew', idp.issuer].sort());
    });
  });
});
