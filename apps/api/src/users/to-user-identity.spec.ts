import { IdentityEntity } from './identity.entity';
import { toUserIdentity } from './to-user-identity';
import { UserEntity } from './user.entity';

const created = new Date('2026-01-02T03:04:05.678Z');
const updated = new Date('2026-02-03T04:05:06.789Z');
const user = (fields: Partial<UserEntity>) => Object.assign(new UserEntity(), { userId: 'github|1', createdAt: created, updatedAt: updated, name: null, email: null, picture: null, username: null, vanityname: null }, fields);
const identity = (fields: Partial<IdentityEntity>) => Object.assign(new IdentityEntity(), { issuer: 'https://issuer.example', subject: 's', connection: null }, fields);

describe('toUserIdentity', () => {
  it('gives every known field, in the published order, with the tenant and the linked identities', () => {
    const shaped = toUserIdentity(
      user({ name: 'Ada', email: 'ada@example.com', picture: 'https://example.com/a.png', username: 'ada', vanityname: 'ada9' }),
      [identity({ connection: 'github', subject: '1' }), identity({ subject: '2' })],
      'tenant-1',
    );
    expect(JSON.stringify(shaped)).toBe(JSON.stringify({
      userId: 'github|1', name: 'Ada', email: 'ada@example.com', picture: 'https://example.com/a.png',
      linkedIdentities: [{ connection: { connectionId: 'github', userId: '1' } }, { connection: { connectionId: 'https://issuer.example', userId: '2' } }],
      username: 'ada', vanityName: 'ada9', tenantId: 'tenant-1', createdTime: '2026-01-02T03:04:05.678Z', updatedTime: '2026-02-03T04:05:06.789Z',
    }));
  });

  it('leaves absent and empty fields out instead of sending null', () => {
    expect(toUserIdentity(user({ name: '', email: null }), [])).toEqual({ userId: 'github|1', linkedIdentities: [], createdTime: '2026-01-02T03:04:05.678Z', updatedTime: '2026-02-03T04:05:06.789Z' });
  });
});
