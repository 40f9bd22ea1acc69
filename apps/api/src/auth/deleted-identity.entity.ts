import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An identity whose user was deleted. Tokens it was issued before the deletion stay refused after the
 * deletion job has removed the identity itself (they would otherwise read as "signed in, no profile").
 */
@Entity('deleted_identities')
export class DeletedIdentityEntity {
  @PrimaryColumn({ type: 'text' })
  issuer: string;

  @PrimaryColumn({ type: 'text' })
  subject: string;

  @Column({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt: Date;
}
