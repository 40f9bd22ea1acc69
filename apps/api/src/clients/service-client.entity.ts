import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A machine caller (Authress service client) with the permissions it was granted. */
@Entity('service_clients')
export class ServiceClientEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  permissions: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /**
   * Deleted clients keep their row (and their revoked keys), so ROSTER_BOOTSTRAP_ACCESS_KEY cannot bring a
   * deleted client's key back at the next start.
   */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
