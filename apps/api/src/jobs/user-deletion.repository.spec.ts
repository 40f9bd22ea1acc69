import { StatementRunner } from '../database/statement-runner';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { UserDeletionRepository } from './user-deletion.repository';

describe('UserDeletionRepository (on a real database)', () => {
  let db: ServiceDatabase;
  let rows: UserDeletionRepository;
  beforeAll(async () => {
    db = await openServiceDatabase();
    rows = new UserDeletionRepository(new StatementRunner(db.dataSource, testConfig()));
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('lists users marked for deletion in id order, page by page', async () => {
    const marked = await db.factory.users([{ deletingAt: new Date() }, { deletingAt: new Date() }, { deletingAt: new Date() }]);
    await db.factory.user();
    const ids = marked.map((user) => user.id).sort();
    const first = await rows.markedAfter('00000000-0000-0000-0000-000000000000', 2);
    expect(first).toEqual(ids.slice(0, 2));
    expect(await rows.markedAfter(first[1], 2)).toEqual(ids.slice(2));
  });

  it("deletes a marked user's rows in bounded batches, and never a live user", async () => {
    const { user } = await db.factory.signedUpUser({ deletingAt: new Date() });
    await db.factory.identity({ user });
    await db.factory.session({ user });
    await db.factory.tenant({ users: [user] });
    const { user: live } = await db.factory.signedUpUser();
    expect(await rows.isMarked(user.id)).toBe(true);
    expect(await rows.isMarked(live.id)).toBe(false);
    expect(await rows.deleteIdentities(user.id, 1)).toBe(1);
    expect(await rows.deleteIdentities(user.id, 10)).toBe(1);
    expect(await rows.deleteSessions(user.id, 10)).toBe(1);
    expect(await rows.deleteTenantLink(user.id)).toBe(1);
    expect(await rows.deleteUser(live.id)).toBe(0);
    expect(await rows.deleteUser(user.id)).toBe(1);
    expect(await rows.deleteUser(user.id)).toBe(0);
    expect(await db.query(`SELECT id FROM users`)).toEqual([{ id: live.id }]);
    expect(await db.query(`SELECT 1 FROM identities WHERE user_id = $1`, [live.id])).toHaveLength(1);
  });
});
