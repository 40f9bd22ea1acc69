import { UserIdentity } from '@roster/dto';
import { IdentityEntity } from './identity.entity';
import { UserEntity } from './user.entity';

/** The only place the management API's UserIdentity is shaped. Absent fields are left out, never null. */
export function toUserIdentity(user: UserEntity, identities: IdentityEntity[], tenantId?: string): UserIdentity {
  return {
    userId: user.userId,
    ...(user.name ? { name: user.name } : {}),
    ...(user.email ? { email: user.email } : {}),
    ...(user.picture ? { picture: user.picture } : {}),
    linkedIdentities: identities.map((identity) => ({ connection: { connectionId: identity.connection ?? identity.issuer, userId: identity.subject } })),
    ...(user.username ? { username: user.username } : {}),
    ...(user.vanityname ? { vanityName: user.vanityname } : {}),
    ...(tenantId ? { tenantId } : {}),
    createdTime: new Date(user.createdAt).toISOString(),
    updatedTime: new Date(user.updatedAt).toISOString(),
  };
}
