import { Client } from 'pg';
import { defineStatement, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { toUserIdentity } from './to-user-identity';
import { etagOf, toUserProfile } from './to-user-profile';
import { UsersRepository } from './users.repository';
import { updateProfile } from './users.statements';
import { TEST_ATTRIBUTION } from '../testing/events';

const preparedNames = defineStatement('test.preparedNames', () => sql`SELECT name FROM pg_prepared_statements ORDER BY name`);

describe('UsersRepository (on a real database)', () => {
  let db: ServiceDatabase;
  let users: UsersRepository;
  beforeAll(async () => {
    db = await openServiceDatabase();
    users = new UsersRepository(new StatementRunner(db.dataSource, testConfig()));
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('reads a live user with their identities, oldest first, by id (any case) or by userId', async () => {
    const { user } = await db.factory.signedUpUser({ userId: 'google-oauth2|1', name: 'Ada', subject: 'google-oauth2|1' });
    await db.query(`UPDATE identities SET created_at = now() - interval '1 day' WHERE user_id = $1`, [user.id]);
    await db.factory.identity({ user, subject: 'github|9', provider: 'github' });
    for (const id of [user.id, user.id.toUpperCase(), 'google-oauth2|1']) {
      const found = await users.findByAnyId(id);
      expect(found?.user).toMatchObject({ id: user.id, userId: 'google-oauth2|1', name: 'Ada', version: 1, createdAt: expect.any(Date) });
      expect(found?.identities.map((identity) => identity.subject)).toEqual(['google-oauth2|1', 'github|9']);
      expect(found?.identities[0].createdAt).toBeInstanceOf(Date);
    }
  });

  it('reads a user without identities with none, and never a user being deleted', async () => {
    const alone = await db.factory.user();
    const leaving = await db.factory.user({ deletingAt: new Date() });
    expect((await users.findById(alone.id))?.identities).toEqual([]);
    expect(await users.findById(leaving.id)).toBeNull();
    expect(await users.findByUserId(leaving.user_id)).toBeNull();
  });

  it('reads the profile fields alone to the same UserProfile as the whole row, and no profile of a user being deleted', async () => {
    const { user } = await db.factory.signedUpUser({ userId: 'google-oauth2|2', name: 'Ada', subject: 'google-oauth2|2' });
    await db.query(`UPDATE users SET email = 'ada@example.com', username = 'ada', picture = 'https://example.com/a.png', vanityname = 'ada9',
                           aesthetics = '{"theme": {"dark": true}, "font": {"size": 14}}', version = 3 WHERE id = $1`, [user.id]);
    await db.query(`UPDATE identities SET created_at = now() - interval '1 day', profile_data = '{"login": "ada"}' WHERE user_id = $1`, [user.id]);
    await db.factory.identity({ user, subject: 'github|7', provider: 'github' });
    const whole = await users.findById(user.id);
    const lean = await users.findProfile(user.id);
    expect(lean).not.toBeNull();
    expect(toUserProfile(lean!.user, lean!.identities)).toEqual(toUserProfile(whole!.user, whole!.identities));
    expect(toUserProfile(lean!.user, lean!.identities)).toMatchObject({ email: 'ada@example.com', vanityname: 'ada9', aesthetics: { theme: { dark: true }, font: { size: 14 } } });
    expect(lean!.identities.map((identity) => identity.subject)).toEqual(['google-oauth2|2', 'github|7']);
    expect(lean!.identities[0]).toMatchObject({ profileData: { login: 'ada' }, createdAt: expect.any(Date) });
    expect(etagOf(lean!.user)).toBe('"3"');
    const leaving = await db.factory.user({ deletingAt: new Date() });
    expect(await users.findProfile(leaving.id)).toBeNull();
  });

  it('reads the UserIdentity fields alone, by id (any case) or userId, to the same UserIdentity and ETag as the whole row', async () => {
    const { user } = await db.factory.signedUpUser({ userId: 'github|3', name: 'Ada', subject: 'github|3' });
    await db.query(`UPDATE users SET email = 'ada@example.com', username = 'ada', picture = 'https://example.com/a.png', vanityname = 'ada9', version = 4 WHERE id = $1`, [user.id]);
    await db.query(`UPDATE identities SET created_at = now() - interval '1 day', connection = 'github' WHERE user_id = $1`, [user.id]);
    await db.factory.identity({ user, subject: 'google-oauth2|3', provider: 'google-oauth2' });
    await db.factory.tenant({ tenantId: 'acme', users: [user] });
    for (const id of [user.id, user.id.toUpperCase(), 'github|3']) {
      const whole = await users.findByAnyId(id);
      const lean = await users.findUserIdentity(id);
      expect(lean).not.toBeNull();
      expect(toUserIdentity(lean!.user, lean!.identities, lean!.tenantId)).toEqual(toUserIdentity(whole!.user, whole!.identities, whole!.tenantId));
      expect(lean).toMatchObject({ tenantId: 'acme', identities: [{ connection: 'github', subject: 'github|3' }, { subject: 'google-oauth2|3' }] });
      expect(etagOf(lean!.user)).toBe('"4"');
    }
    const leaving = await db.factory.user({ deletingAt: new Date() });
    expect(await users.findUserIdentity(leaving.id)).toBeNull();
    expect(await users.findUserIdentity(leaving.user_id)).toBeNull();
  });

  it('updates only the columns given, merges aesthetics within theme and font, bumps the version, and announces it after the commit', async () => {
    const user = await db.factory.user({ name: 'Ada', username: 'ada', aesthetics: { theme: { dark: false, accent: 'red' }, font: 5, other: 1 } });
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const channels: string[] = [];
    const heard = new Promise<string | undefined>((resolve) =>
      listener.on('notification', (message) => (channels.push(message.channel), message.channel === 'roster_profile' && resolve(message.payload))),
    );
    await listener.query('LISTEN roster_profile; LISTEN roster_events');
    try {
      const updated = await users.updateProfile(user.id, { name: 'Grace', aesthetics: { font: { size: 12 } } }, null, TEST_ATTRIBUTION);
      expect(updated?.user).toMatchObject({ name: 'Grace', username: 'ada', version: 2, aesthetics: { theme: { dark: false, accent: 'red' }, font: { size: 12 } } });
      expect(JSON.parse((await heard) ?? '')).toEqual({ u: user.id, k: 'changed', v: 2 });
      await listener.query('SELECT 1');
      // The outbox's followers hear of the user.updated event it recorded.
      expect(channels.sort()).toEqual(['roster_events', 'roster_profile']);
    } finally {
      await listener.end();
    }
  });

  it('changes nothing when the version does not match or the user is being deleted', async () => {
    const user = await db.factory.user({ name: 'Ada' });
    const leaving = await db.factory.user({ deletingAt: new Date() });
    expect(await users.updateProfile(user.id, { name: 'Grace' }, 7, TEST_ATTRIBUTION)).toBeNull();
    expect(await users.updateProfile(leaving.id, { name: 'Grace' }, null, TEST_ATTRIBUTION)).toBeNull();
    expect((await users.updateProfile(user.id, { name: null, vanityname: 'ada' }, 1, TEST_ATTRIBUTION))?.user).toMatchObject({ name: null, vanityname: 'ada', version: 2 });
  });

  it('has one statement text for every combination of changes', () => {
    expect(updateProfile.text).toContain('name = CASE WHEN $');
    // The NOTIFY goes after the commit (database/notifier.ts): inside, it serialised every update's commit.
    expect(updateProfile.text).not.toContain('pg_notify');
  });

  it('prepares statements under their names, or runs them unnamed when DATABASE_PREPARED_STATEMENTS=false, on the unit of work\'s connection', async () => {
    const named = new StatementRunner(db.dataSource, testConfig());
    const unnamed = new StatementRunner(db.dataSource, testConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }));
    const names = (rows: Array<{ name: string }>) => rows.map((row) => row.name);
    await new TransactionRunner(db.dataSource).run(async (work) => {
      await work.manager.query('DEALLOCATE ALL');
      expect(names(await unnamed.rows(preparedNames, {}, work))).not.toContain('test.preparedNames');
      expect(names(await named.rows(preparedNames, {}, work))).toContain('test.preparedNames');
    });
  });
});
