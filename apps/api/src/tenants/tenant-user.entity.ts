import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { TenantEntity } from './tenant.entity';

/**
 * A user's tenant. The user id is the key: a user is in at most one tenant, and relinking moves them. The
 * user's created_at rides along so a tenant's users list in the list order from one index (migration 1733440000000).
 */
@Entity('tenant_users')
@Index('IDX_tenant_users_list_order', ['tenantId', 'userCreatedAt', 'userId'])
export class TenantUserEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: TenantEntity;

  /** users.created_at of the user, which never changes: copied by every statement that links a user. */
  @Column({ name: 'user_created_at', type: 'timestamptz' })
  userCreatedAt: Date;

  @Column({ name: 'linked_at', type: 'timestamptz', default: () => 'now()' })
  linkedAt: Date;
}
