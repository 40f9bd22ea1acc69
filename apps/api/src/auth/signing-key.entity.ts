import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Roster's own Ed25519 signing keys. The private half is sealed with ROSTER_SECRET_KEY. */
@Entity('signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid: string;

  @Column({ name: 'sealed_private_key', type: 'text' })
  sealedPrivateKey: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** No longer used to sign; still published until every token it signed has expired. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
