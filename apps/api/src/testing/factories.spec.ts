import { parseAccessKey } from '../clients/access-key';
import { openServiceDatabase, ServiceDatabase } from './service-database';
import { createTestDatabase } from './test-database';

describe('test database and factories', () => {
  let db: ServiceDatabase;
  beforeAll(async () => (db = await openServiceDatabase()));
  afterAll(() => db.close());

  it('gives each file its own migrated database, and drops it on close', async () => {
    const other = await openServiceDatabase();
    expect(other.url).not.toBe(db.url);
    await other.factory.user({ userId: 'only|there' });
    expect(await db.query(`SELECT 1 FROM users WHERE user_id = 'only|there'`)).toHaveLength(0);
    const name = new URL(other.url).pathname.slice(1);
    await other.close();
    const admin = await createTestDatabase({ empty: true });
    try {
      expect(await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).toHaveLength(0);
    } finally {
      await admin.drop();
    }
  });

  it('makes users with unique userIds and the column defaults, and returns the row', async () => {
    const [ada, bob] = [await db.factory.user({ name: 'Ada', email: 'ada@example.com' }), await db.factory.user()];
    expect(ada).toMatchObject({ id: expect.any(String), user_id: expect.stringMatching(/^test\|/), name: 'Ada', email: 'ada@example.com', email_verified: false, version: 1, deleting_at: null });
    expect(bob.user_id).not.toBe(ada.user_id);
    const many = await db.factory.users([{ name: 'One' }, { userId: 'fixed|two', createdAt: new Date('2020-01-01T00:00:00Z') }]);
    expect(many.map((user) => [user.user_id.startsWith('test|') || user.user_id, user.name, user.created_at.getUTCFullYear() === 2020])).toEqual([
      [true, 'One', false],
      ['fixed|two', null, true],
    ]);
  });

  it('refuses a field the table does not have, rather than ignoring it', async () => {
    await expect(db.factory.user({ nmae: 'typo' } as never)).rejects.toThrow(/users has no nmae/);
  });

  it('links identities, sessions and tenants to a user', async () => {
    const { user, identity } = await db.factory.signedUpUser({ subject: 'ada' });
    expect(identity).toMatchObject({ user_id: user.id, issuer: 'https://idp.example', subject: 'ada' });
    expect(await db.factory.session({ user })).toMatchObject({ user_id: user.id, issuer: 'https://idp.example', sid: null, token_hashes: [], ended_at: null });
    expect(await db.factory.session({ user, sid: 's1', endedAt: new Date() })).toMatchObject({ sid: 's1', ended_at: expect.any(Date) });
    const tenant = await db.factory.tenant({ name: 'Acme', users: [user] });
    expect(await db.query(`SELECT tenant_id FROM tenant_users WHERE user_id = $1`, [user.id])).toEqual([{ tenant_id: tenant.tenant_id }]);
  });

  it('makes a client with a key whose access key carries the stored public key', async () => {
    const client = await db.factory.client({ permissions: ['users:read'] });
    expect(client).toMatchObject({ id: expect.stringMatching(/^sc_/), permissions: ['users:read'], deleted_at: null });
    const parsed = parseAccessKey(client.key.accessKey);
    expect(parsed).toEqual({ clientId: client.id, keyId: client.key.keyId, accountId: 'acc_test', publicKey: client.key.publicKey });
    expect(await db.query(`SELECT public_key FROM service_client_keys WHERE client_id = $1`, [client.id])).toEqual([{ public_key: parsed.publicKey }]);
  });

  it('truncates every table but the migrations', async () => {
    await db.factory.user();
    await db.truncate();
    expect(await db.query(`SELECT 1 FROM users`)).toHaveLength(0);
    expect((await db.query(`SELECT 1 FROM migrations`)).length).toBeGreaterThan(0);
  });
});
