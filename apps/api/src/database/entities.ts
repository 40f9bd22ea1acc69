import { DeletedIdentityEntity } from '../auth/deleted-identity.entity';
import { RevocationEpochEntity } from '../auth/revocation-epoch.entity';
import { SessionEntity } from '../auth/session.entity';
import { SigningKeyEntity } from '../auth/signing-key.entity';
import { ConsoleSessionEntity, ConsoleSignInCodeEntity } from '../console/console-session.entity';
import { ServiceClientKeyEntity } from '../clients/service-client-key.entity';
import { ServiceClientEntity } from '../clients/service-client.entity';
import { TenantUserEntity } from '../tenants/tenant-user.entity';
import { TenantEntity } from '../tenants/tenant.entity';
import { IdentityEntity } from '../users/identity.entity';
import { UserEntity } from '../users/user.entity';

/** Every TypeORM entity of the service. */
export const entities = [UserEntity, IdentityEntity, SessionEntity, SigningKeyEntity, RevocationEpochEntity, ServiceClientEntity, ServiceClientKeyEntity, TenantEntity, TenantUserEntity, DeletedIdentityEntity, ConsoleSignInCodeEntity, ConsoleSessionEntity];
