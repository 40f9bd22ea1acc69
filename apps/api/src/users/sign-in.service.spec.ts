import { DEFAULT_ISSUER } from '../testing/factories';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { principalOf, userServicesOn } from '../testing/user-services';
import { SignInService } from './sign-in.service';

describe('SignInService (on a real database)', () => {
  let db: ServiceDatabase;
  let signIns: SignInService;
  beforeAll(async () => {
    db = await openServiceDatabase();
    signIns = userServicesOn(db).signIns;
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const tokens = (hash: string) => ({ hashes: [hash], expiresAt: Math.floor(Date.now() / 1000) + 3600 });

  it('creates the user of a new identity with its identity and one session, and keeps only a verified email', async () => {
    const principal = principalOf('google-oauth2|1', { email: 'ada@example.com', email_verified: false, name: 'Ada' });
    const { user, identities } = await signIns.signIn(principal, tokens('h1'));
    expect(user).toMatchObject({ userId: 'google-oauth2|1', name: 'Ada', email: null });
    expect(identities).toEqual([expect.objectContaining({ issuer: DEFAULT_ISSUER, subject: 'google-oauth2|1', provider: 'google-oauth2' })]);
    expect(await db.query(`SELECT token_hashes, ended_at FROM sessions WHERE user_id = $1`, [user.id])).toEqual([{ token_hashes: ['h1'], ended_at: null }]);
    const again = await signIns.signIn(principalOf('google-oauth2|1', { email: 'ada@example.com', email_verified: true }), tokens('h1'));
    expect(again.user).toMatchObject({ id: user.id, email: 'ada@example.com', emailVerified: true, name: 'Ada' });
  });

  it('reuses the open session of the same token or sid instead of adding a row', async () => {
    const { user } = await signIns.signIn(principalOf('github|2'), tokens('h2'));
    await signIns.signIn(principalOf('github|2'), tokens('h2'));
    await signIns.signIn(principalOf('github|2', { sid: 's1' }), tokens('h3'));
    await signIns.signIn(principalOf('github|2', { sid: 's1' }), tokens('h4'));
    expect(await db.query(`SELECT sid FROM sessions WHERE user_id = $1 ORDER BY sid NULLS FIRST`, [user.id])).toEqual([{ sid: null }, { sid: 's1' }]);
  });

  it('gives a second user whose subject maps to a taken userId another one, and refuses a user being deleted', async () => {
    await db.factory.user({ userId: 'github|3' });
    const { user } = await signIns.signIn(principalOf('github|3'), tokens('h5'));
    expect(user.userId).toBe('idp.example|github|3');
    await db.query(`UPDATE users SET deleting_at = now() WHERE id = $1`, [user.id]);
    await expect(signIns.signIn(principalOf('github|3'), tokens('h6'))).rejects.toMatchObject({ status: 401 });
  });

  it('records user.created and user.signed_in at the first sign-in, then user.updated only for fields that changed', async () => {
    const user = 'google-oauth2|9';
    await signIns.signIn(principalOf(user, { name: 'Ada' }), tokens('h9'), {}, 'req-1');
    await signIns.signIn(principalOf(user, { name: 'Ada' }), tokens('h9'), {}, 'req-2');
    await signIns.signIn(principalOf(user, { email: 'ada@example.com', email_verified: true }), tokens('h9'), { name: 'Grace' }, 'req-3');
    const events = await db.query(`SELECT type, actor_type || ':' || actor_id AS actor, request_id, user_id, data FROM events ORDER BY seq`);
    const actor = `user:${user}`;
    expect(events).toEqual([
      { type: 'user.created', actor, request_id: 'req-1', user_id: user, data: { issuer: DEFAULT_ISSUER, version: expect.any(Number) } },
      { type: 'user.signed_in', actor, request_id: 'req-1', user_id: user, data: { issuer: DEFAULT_ISSUER } },
      { type: 'user.signed_in', actor, request_id: 'req-2', user_id: user, data: { issuer: DEFAULT_ISSUER } },
      { type: 'user.updated', actor, request_id: 'req-3', user_id: user, data: { fields: ['email', 'name'], version: expect.any(Number) } },
      { type: 'user.signed_in', actor, request_id: 'req-3', user_id: user, data: { issuer: DEFAULT_ISSUER } },
    ]);
  });
});
