import { EXTERNAL_PROVIDER_TYPES, ExternalProvider, ExternalProviderType, UserProfile } from '@roster/dto';
import { IdentityEntity } from './identity.entity';
import { UserEntity } from './user.entity';

/** The user's fields a UserProfile shows, and its version for the ETag. */
export type ProfileFields = Pick<UserEntity, 'id' | 'email' | 'name' | 'username' | 'picture' | 'vanityname' | 'aesthetics' | 'createdAt' | 'updatedAt' | 'version'>;
/** An identity's fields a UserProfile shows as one of its providers. */
export type ProviderFields = Pick<IdentityEntity, 'provider' | 'subject' | 'connection' | 'isSocial' | 'profileData' | 'createdAt' | 'updatedAt'>;

export const DEFAULT_AESTHETICS = { theme: { dark: false }, font: { size: 12 } };

const timestamp = (date: Date) => ({ value: date.toISOString() });

export function providerType(value: string): ExternalProviderType {
  return (EXTERNAL_PROVIDER_TYPES as readonly string[]).includes(value) ? (value as ExternalProviderType) : 'UNKNOWN';
}

function toExternalProvider(identity: ProviderFields): ExternalProvider {
  const provider: ExternalProvider = { type: providerType(identity.provider), user_id: identity.subject, created: timestamp(identity.createdAt), updated: timestamp(identity.updatedAt) };
  if (identity.connection) provider.connection = identity.connection;
  provider.isSocial = identity.isSocial;
  if (identity.profileData) provider.profileData = identity.profileData;
  return provider;
}

/**
 * The only place the Pieces UserProfile is shaped. Always `id`, complete `aesthetics`, `created`,
 * `updated` and `providers.iterable`; other fields only when known. The optional nested models
 * (`auth0`, `allocation`, `descope`) are never sent: Roster has no complete value for them.
 */
export function toUserProfile(user: ProfileFields, identities: ProviderFields[] = []): UserProfile {
  const profile: UserProfile = {
    id: user.id,
    aesthetics: {
      theme: { dark: user.aesthetics?.theme?.dark ?? DEFAULT_AESTHETICS.theme.dark },
      font: { size: user.aesthetics?.font?.size ?? DEFAULT_AESTHETICS.font.size },
    },
    created: timestamp(user.createdAt),
    updated: timestamp(user.updatedAt),
    providers: { iterable: identities.map(toExternalProvider) },
  };
  if (user.email) profile.email = user.email;
  if (user.name) profile.name = user.name;
  if (user.username) profile.username = user.username;
  if (user.picture) profile.picture = user.picture;
  if (user.vanityname) profile.vanityname = user.vanityname;
  return profile;
}

/** Strong ETag of a profile: its row version. */
export const etagOf = (user: Pick<UserEntity, 'version'>) => `"${user.version}"`;
