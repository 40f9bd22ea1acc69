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
import { WebhookDeliveryAttemptEntity } from '../webhooks/webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { WebhookDispatchPositionEntity } from '../webhooks/webhook-dispatch-position.entity';
import { WebhookEntity } from '../webhooks/webhook.entity';

/** Every TypeORM entity of the service. */
export const entities = [UserEntity, IdentityEntity, SessionEntity, SigningKeyEntity, RevocationEpochEntity, ServiceClientEntity, ServiceClientKeyEntity, TenantEntity, TenantUserEntity, DeletedIdentityEntity, WebhookEntity, WebhookDeliveryEntity, WebhookDeliveryAttemptEntity, WebhookDispatchPositionEntity, ConsoleSignInCodeEntity, ConsoleSessionEntity];
