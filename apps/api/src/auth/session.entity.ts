import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** One sign-in. Ending it makes the tokens with its `sid`, or its exact tokens, fail. */
@Entity('sessions')
@Index('IDX_sessions_issuer_sid', ['issuer', 'sid'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_sessions_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  issuer: string;

  /** The token's `sid` claim, when it has one. */
  @Column({ type: 'text', nullable: true })
  sid: string | null;

  /** SHA-256 of each token presented at sign-in, for tokens without `sid`. */
  @Index('IDX_sessions_token_hashes', { synchronize: false })
  @Column({ name: 'token_hashes', type: 'text', array: true, default: () => "'{}'" })
  tokenHashes: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** The latest `exp` of the tokens this session has seen; an ended row is kept until then (null: unknown, kept). */
  @Index('IDX_sessions_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
