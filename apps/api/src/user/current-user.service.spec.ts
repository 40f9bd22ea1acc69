import { UserPrincipal } from '../auth/principal';
import { ErrorCode } from '../errors/app-error';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { principalOf, userServicesOn } from '../testing/user-services';
import { ProfilesService } from '../users/profiles.service';
import { CurrentUserService } from './current-user.service';
import { parseIfMatch } from './if-match';
import { TEST_ATTRIBUTION } from '../testing/events';
import { recordedEvents } from '../testing/events';

describe('CurrentUserService (on a real database)', () => {
  let db: ServiceDatabase;
  let currentUser: CurrentUserService;
  beforeAll(async () => {
    db = await openServiceDatabase();
    const { transactions, users, sessions, signIns, epoch, events, recorder } = userServicesOn(db);
    currentUser = new CurrentUserService(transactions, users, sessions, new ProfilesService(users, testConfig()), signIns, epoch, events, recorder);
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const callerFor = async (name = 'Ada'): Promise<UserPrincipal> => {
    const { user } = await db.factory.signedUpUser({ name });
    return { ...principalOf('google-oauth2|1'), userId: user.id, publicUserId: user.user_id };
  };
  const nameOf = async (caller: UserPrincipal) => (await db.query<{ name: string; version: number }>(`SELECT name, version FROM users WHERE id = $1`, [caller.userId]))[0];

  it('updates with a matching If-Match (or none, or *) and returns the new ETag', async () => {
    const caller = await callerFor();
    expect(await currentUser.update(caller, { name: 'Grace' } as never, parseIfMatch('"1"'), TEST_ATTRIBUTION)).toMatchObject({ profile: expect.objectContaining({ name: 'Grace' }), etag: '"2"' });
    expect(await currentUser.update(caller, { name: 'Lin' } as never, parseIfMatch(undefined), TEST_ATTRIBUTION)).toMatchObject({ etag: '"3"' });
    expect(await currentUser.update(caller, { name: 'Mae' } as never, parseIfMatch('*'), TEST_ATTRIBUTION)).toMatchObject({ etag: '"4"' });
    expect(await nameOf(caller)).toEqual({ name: 'Mae', version: 4 });
  });

  it('refuses a stale or foreign If-Match with 412 and writes nothing, with or without changes', async () => {
    const caller = await callerFor();
    for (const header of ['"7"', 'W/"0"', '"abc"', '"99999999999"']) {
      await expect(currentUser.update(caller, { name: 'Grace' } as never, parseIfMatch(header), TEST_ATTRIBUTION)).rejects.toMatchObject({ code: ErrorCode.PreconditionFailed });
      await expect(currentUser.update(caller, {} as never, parseIfMatch(header), TEST_ATTRIBUTION)).rejects.toMatchObject({ code: ErrorCode.PreconditionFailed });
    }
    expect(await nameOf(caller)).toEqual({ name: 'Ada', version: 1 });
    expect(await currentUser.update(caller, {} as never, parseIfMatch('"1"'), TEST_ATTRIBUTION)).toMatchObject({ etag: '"1"' });
  });

  it('answers a caller without a profile with 404, and one naming another user with 403', async () => {
    const caller = await callerFor();
    await db.query(`UPDATE users SET deleting_at = now() WHERE id = $1`, [caller.userId]);
    await expect(currentUser.update(caller, { name: 'Grace' } as never, parseIfMatch('"1"'), TEST_ATTRIBUTION)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    const other = await callerFor('Lin');
    await expect(currentUser.update(other, { id: caller.userId } as never, parseIfMatch(undefined), TEST_ATTRIBUTION)).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('clear ends the session of the token, or records an ended one for a token that had none', async () => {
    const caller = await callerFor();
    const session = await db.factory.session({ user: { id: caller.userId! }, sid: 's1' });
    await currentUser.clear({ ...caller, sessionId: session.id }, TEST_ATTRIBUTION);
    await currentUser.clear(caller, TEST_ATTRIBUTION);
    const rows = await db.query<{ sid: string | null; ended: boolean; token_hashes: string[] }>(`SELECT sid, ended_at IS NOT NULL AS ended, token_hashes FROM sessions WHERE user_id = $1 ORDER BY sid NULLS LAST`, [caller.userId]);
    expect(rows).toEqual([{ sid: 's1', ended: true, token_hashes: [] }, { sid: null, ended: true, token_hashes: [caller.tokenHash] }]);
  });

  it('records user.updated with the fields that changed and the new version; nothing for a refused or empty write', async () => {
    const caller = await callerFor();
    await currentUser.update(caller, { name: 'Ada', username: 'ada' } as never, parseIfMatch(undefined), TEST_ATTRIBUTION);
    await expect(currentUser.update(caller, { name: 'Grace' } as never, parseIfMatch('"1"'), TEST_ATTRIBUTION)).rejects.toMatchObject({ code: ErrorCode.PreconditionFailed });
    await currentUser.update(caller, {} as never, parseIfMatch(undefined), TEST_ATTRIBUTION);
    await currentUser.setBetaStatus(caller, { user: caller.userId, auth0: { vision: true } } as never, TEST_ATTRIBUTION);
    await currentUser.clear(caller, TEST_ATTRIBUTION);
    expect(await recordedEvents(db.query)).toEqual([
      { type: 'user.updated', actor: 'client:sc_test', userId: caller.publicUserId, tenantId: null, data: { fields: ['username'], version: 2 } },
      { type: 'user.updated', actor: 'client:sc_test', userId: caller.publicUserId, tenantId: null, data: { fields: ['beta'], version: 3 } },
      { type: 'user.signed_out', actor: 'client:sc_test', userId: caller.publicUserId, tenantId: null, data: { reason: 'clear' } },
    ]);
  });
});
