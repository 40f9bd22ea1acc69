import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ServiceClientEntity } from './service-client.entity';

/** The public half of a service-client access key; the private half is only ever shown once. */
@Entity('service_client_keys')
export class ServiceClientKeyEntity {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId: string;

  @PrimaryColumn({ name: 'key_id', type: 'text' })
  keyId: string;

  @ManyToOne(() => ServiceClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: ServiceClientEntity;

  /** Ed25519 public key, base64url (the JWK `x`). */
  @Column({ name: 'public_key', type: 'text' })
  publicKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A revoked key is never re-enabled, not even by ROSTER_BOOTSTRAP_ACCESS_KEY. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** When a token signed with the key was last accepted; written at most once a minute per key. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
