import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An Authress tenant: a group of users (a user belongs to at most one). */
@Entity('tenants')
@Unique('UQ_tenants_lookup_identifier', ['lookupIdentifier'])
export class TenantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  id: string;

  @Column({ name: 'lookup_identifier', type: 'text', nullable: true })
  lookupIdentifier: string | null;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  domains: string[];

  @Column({ name: 'connection_id', type: 'text', nullable: true })
  connectionId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
