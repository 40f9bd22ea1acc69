import { StatementRunner } from '../database/statement-runner';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { CredentialStateRepository } from './credential-state.repository';

const ISSUER = 'https://idp.example';

describe('CredentialStateRepository (on a real database)', () => {
  let db: ServiceDatabase;
  let state: CredentialStateRepository;
  beforeAll(async () => {
    db = await openServiceDatabase();
    state = new CredentialStateRepository(new StatementRunner(db.dataSource, testConfig()));
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('knows nothing of an identity without a user', async () => {
    expect(await state.forUserToken(ISSUER, 'nobody', undefined, 'hash')).toEqual({ deleting: false, sessionEnded: false });
  });

  it("reads the user's cut-off, deletion and the token's session, by sid or by token hash", async () => {
    const validAfter = new Date('2026-01-01T00:00:00Z');
    const { user } = await db.factory.signedUpUser({ issuer: ISSUER, subject: 'ada', tokensValidAfter: validAfter, deletingAt: new Date() });
    const open = await db.factory.session({ user, issuer: ISSUER, sid: 's1' });
    await db.factory.session({ user, issuer: ISSUER, sid: null, tokenHashes: ['ended-hash'], endedAt: new Date() });
    expect(await state.forUserToken(ISSUER, 'ada', 's1', 'other-hash')).toEqual({ userId: user.id, publicUserId: user.user_id, validAfter: validAfter.getTime() / 1000, deleting: true, sessionEnded: false, sessionId: open.id });
    expect(await state.forUserToken(ISSUER, 'ada', undefined, 'ended-hash')).toMatchObject({ sessionEnded: true, sessionId: undefined });
    expect(await state.forUserToken('https://other.example', 'ada', 's1', 'x')).toEqual({ deleting: false, sessionEnded: false });
  });

  it('tells a deleted identity by its tombstone', async () => {
    await db.query(`INSERT INTO deleted_identities (issuer, subject, deleted_at) VALUES ($1, 'gone', '2026-02-01T00:00:00Z')`, [ISSUER]);
    expect(await state.forUserToken(ISSUER, 'gone', undefined, 'h')).toMatchObject({ userId: undefined, deletedAt: Date.parse('2026-02-01T00:00:00Z') / 1000 });
  });

  it("reads a client key with the client's permissions; revoked when the key or the client is", async () => {
    const live = await db.factory.client({ permissions: ['users:read'] });
    const revoked = await db.factory.client({ keyRevokedAt: new Date() });
    const deleted = await db.factory.client({ deletedAt: new Date() });
    expect(await state.forClientKey(live.id, live.key.keyId)).toEqual({ publicKey: expect.anything(), revoked: false, permissions: ['users:read'] });
    expect(await state.forClientKey(revoked.id, revoked.key.keyId)).toMatchObject({ revoked: true });
    expect(await state.forClientKey(deleted.id, deleted.key.keyId)).toMatchObject({ revoked: true });
    expect(await state.forClientKey(live.id, 'nokey')).toBeUndefined();
  });

  it('records when a key was last used', async () => {
    const client = await db.factory.client();
    await state.touchClientKey(client.id, client.key.keyId);
    expect(await db.query(`SELECT last_used_at FROM service_client_keys WHERE client_id = $1`, [client.id])).toEqual([{ last_used_at: expect.any(Date) }]);
  });
});
