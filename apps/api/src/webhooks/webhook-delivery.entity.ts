import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WebhookEntity } from './webhook.entity';

/**
 * One event for one endpoint: the queue item and its record. The payload is stored as sent, so every retry
 * carries the same bytes (and the same `webhook-id`, the event id).
 */
@Entity('webhook_deliveries')
@Unique('UQ_webhook_deliveries_webhook_event', ['webhookId', 'eventId'])
@Index('IDX_webhook_deliveries_list', ['webhookId', 'createdAt', 'id'])
// Created in migrations (partial indexes): the due deliveries of an endpoint, and those in flight.
@Index('IDX_webhook_deliveries_due', { synchronize: false })
@Index('IDX_webhook_deliveries_leased', { synchronize: false })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'delivery_id' })
  id: string;

  @Column({ name: 'webhook_id', type: 'text' })
  webhookId: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: WebhookEntity;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ type: 'text' })
  payload: string;

  /** pending, delivered or failed. */
  @Column({ type: 'text', default: 'pending' })
  status: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Due time while pending; a claimed delivery's is pushed to its lease end, so a crashed sender's work comes due again. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true, default: () => 'now()' })
  nextAttemptAt: Date | null;

  /** Set while an attempt is in flight (counts against the endpoint's cap until it ends or expires). */
  @Column({ name: 'leased_until', type: 'timestamptz', nullable: true })
  leasedUntil: Date | null;

  /** Retries end 24 hours (WEBHOOK_RETRY_WINDOW_MS) after this: the creation, or a manual retry. */
  @Column({ name: 'retrying_since', type: 'timestamptz', default: () => 'now()' })
  retryingSince: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
