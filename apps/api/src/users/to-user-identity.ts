import { UserIdentity } from '@roster/dto';
import { IdentityEntity } from './identity.entity';
import { UserEntity } from './user.entity';

/** The user's fields a UserIdentity shows, and its version for the ETag. */
export type UserIdentityFields = Pick<UserEntity, 'id' | 'userId' | 'name' | 'email' | 'picture' | 'username' | 'vanityname' | 'createdAt' | 'updatedAt' | 'version'>;
/** An identity's fields a UserIdentity shows as a linked identity. */
export type LinkedIdentityFields = Pick<IdentityEntity, 'connection' | 'issuer' | 'subject'>;

/**
 * The only place the management API's UserIdentity is shaped. Absent fields are left out, never null. Keys are
 * added in the published order one `if` at a time: a conditional spread built and copied a temporary object per field.
 */
export function toUserIdentity(user: UserIdentityFields, identities: LinkedIdentityFields[], tenantId?: string): UserIdentity {
  const identity: UserIdentity = { userId: user.userId } as UserIdentity;
  if (user.name) identity.name = user.name;
  if (user.email) identity.email = user.email;
  if (user.picture) identity.picture = user.picture;
  identity.linkedIdentities = identities.map((linked) => ({ connection: { connectionId: linked.connection ?? linked.issuer, userId: linked.subject } }));
  if (user.username) identity.username = user.username;
  if (user.vanityname) identity.vanityName = user.vanityname;
  if (tenantId) identity.tenantId = tenantId;
  identity.createdTime = new Date(user.createdAt).toISOString();
  identity.updatedTime = new Date(user.updatedAt).toISOString();
  return identity;
}
