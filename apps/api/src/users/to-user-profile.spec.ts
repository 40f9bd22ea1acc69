import { IdentityEntity } from './identity.entity';
import { providerType, toUserProfile } from './to-user-profile';
import { UserEntity } from './user.entity';

const user = (overrides: Partial<UserEntity> = {}): UserEntity =>
  Object.assign(new UserEntity(), {
    id: '8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b',
    userId: 'google-oauth2|1',
    email: null,
    name: null,
    username: null,
    picture: null,
    vanityname: null,
    aesthetics: {},
    createdAt: new Date('2024-01-01T00:00:00Z'),
    updatedAt: new Date('2024-06-01T12:00:00Z'),
    version: 3,
    ...overrides,
  });

describe('toUserProfile', () => {
  it('always sends id, complete aesthetics, timestamps in UTC and an array of providers', () => {
    expect(toUserProfile(user())).toEqual({
      id: '8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b',
      aesthetics: { theme: { dark: false }, font: { size: 12 } },
      created: { value: '2024-01-01T00:00:00.000Z' },
      updated: { value: '2024-06-01T12:00:00.000Z' },
      providers: { iterable: [] },
    });
  });

  it('sends known fields, keeps stored aesthetics, and never the optional nested models', () => {
    const profile = toUserProfile(user({ email: 'a@example.com', name: 'Ada', username: 'ada', picture: 'https://x/a.png', vanityname: 'ada', aesthetics: { theme: { dark: true } } }));
    expect(profile).toMatchObject({ email: 'a@example.com', name: 'Ada', username: 'ada', picture: 'https://x/a.png', vanityname: 'ada', aesthetics: { theme: { dark: true }, font: { size: 12 } } });
    expect(profile).not.toHaveProperty('auth0');
    expect(profile).not.toHaveProperty('allocation');
    expect(profile).not.toHaveProperty('descope');
  });

  it('maps identities to providers with a documented type', () => {
    const identity = Object.assign(new IdentityEntity(), { provider: 'okta', subject: 'abc', connection: null, isSocial: false, profileData: null, createdAt: new Date(0), updatedAt: new Date(0) });
    expect(toUserProfile(user(), [identity]).providers!.iterable).toEqual([
      { type: 'UNKNOWN', user_id: 'abc', created: { value: '1970-01-01T00:00:00.000Z' }, updated: { value: '1970-01-01T00:00:00.000Z' }, isSocial: false },
    ]);
    expect(providerType('github')).toBe('github');
  });
});
