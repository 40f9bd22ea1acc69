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
}
