import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * How far the dispatcher has turned the event feed into deliveries: one row, advanced in the same
 * transaction that inserts the deliveries, so a crash repeats a batch (deliveries are unique per event and
 * endpoint) and never skips one.
 */
@Entity('webhook_dispatch_position')
export class WebhookDispatchPositionEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** A FeedPosition; null: before the first event. */
  @Column({ type: 'jsonb', nullable: true })
  position: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
