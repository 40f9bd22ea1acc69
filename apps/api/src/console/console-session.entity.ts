import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time console sign-in code: only its SHA-256 is stored; usable once, for ten minutes. */
@Entity('console_sign_in_codes')
export class ConsoleSignInCodeEntity {
  @PrimaryColumn({ name: 'code_hash', type: 'text', primaryKeyConstraintName: 'PK_console_sign_in_codes' })
  codeHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}

/** A console session: its bearer token names it, and ending it (sign-out) refuses that token on every replica. */
@Entity('console_sessions')
export class ConsoleSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_console_sessions' })
  id: string;

  /** `link` (a one-time sign-in link) or `oidc`. */
  @Column({ type: 'text' })
  method: string;

  /** Who signed in: `link`, or the OIDC issuer and subject. */
  @Column({ type: 'text' })
  operator: string;

  @Column({ type: 'text', array: true })
  permissions: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Index('IDX_console_sessions_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
