import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An endpoint that receives signed deliveries of the events it subscribes to. */
@Entity('webhooks')
@Index('IDX_webhooks_created_at_id', ['createdAt', 'id'])
export class WebhookEntity {
  @PrimaryColumn({ name: 'webhook_id', type: 'text' })
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** `*`, exact types, or prefixes such as `user.*`. */
  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes: string[];

  @Column({ name: 'exclude_actor_client_ids', type: 'text', array: true, default: () => "'{}'" })
  excludeActorClientIds: string[];

  /** `whsec_…`, sealed with a key derived from ROSTER_SECRET_KEY. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  /** After a rotation, deliveries are signed with the previous secret too until it expires. */
  @Column({ name: 'previous_secret_sealed', type: 'text', nullable: true })
  previousSecretSealed: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** Set while disabled; `disabledReason` says why (gone, failing, paused). */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  /** The first failure since the last success: 24 hours of failures disable the endpoint. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
