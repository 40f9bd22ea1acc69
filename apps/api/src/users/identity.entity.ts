import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/** A provider identity (issuer, subject) linked to a user. Users are found by identity, never by a bare subject. */
@Entity('identities')
@Unique('UQ_identities_issuer_subject', ['issuer', 'subject'])
export class IdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_identities_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  issuer: string;

  @Column({ type: 'text' })
  subject: string;

  /** Provider type as the Pieces `ExternalProviderTypeEnum` names it (UNKNOWN when none matches). */
  @Column({ type: 'text', default: 'UNKNOWN' })
  provider: string;

  @Column({ type: 'text', nullable: true })
  connection: string | null;

  @Column({ name: 'is_social', type: 'boolean', default: false })
  isSocial: boolean;

  /** Display data only; never used to sign in. */
  @Column({ name: 'profile_data', type: 'jsonb', nullable: true })
  profileData: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
