import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export interface Aesthetics {
  theme?: { dark?: boolean };
  font?: { size?: number };
}

/** A Roster user: the Pieces `UserProfile` and the Authress `UserIdentity` are two views of this row. */
@Entity('users')
// Created in migrations: TypeORM cannot express expression or trigram indexes.
@Index('users_vanityname_lower_key', { synchronize: false })
@Index('users_search_trgm', { synchronize: false })
@Index('users_search_grams', { synchronize: false })
// The list order (GET /v1/users): keyset pagination walks this index.
@Index('IDX_users_created_at_id', ['createdAt', 'id'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The Authress-style userId: the subject of the identity that created the user. */
  @Column({ name: 'user_id', type: 'text', unique: true })
  userId: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'email_verified', type: 'boolean', default: false })
  emailVerified: boolean;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  username: string | null;

  @Column({ type: 'text', nullable: true })
  picture: string | null;

  @Column({ type: 'text', nullable: true })
  vanityname: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  aesthetics: Aesthetics;

  @Column({ type: 'jsonb', nullable: true })
  beta: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  metadata: Record<string, unknown> | null;

  @Column({ name: 'tokens_valid_after', type: 'timestamptz', nullable: true })
  tokensValidAfter: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic concurrency; also the profile's ETag. */
  @VersionColumn({ default: 1 })
  version: number;

  /** Set when an asynchronous delete starts; the user is invisible from then on. */
  @Column({ name: 'deleting_at', type: 'timestamptz', nullable: true })
  deletingAt: Date | null;
}
