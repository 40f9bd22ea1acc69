import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BatchedPurgeJob } from './batched-purge.job';
import { DeliveryPurgeRepository } from './delivery-purge.repository';
import { JobQueue } from './job-queue.service';

/** Deletes finished webhook deliveries (and their attempts) older than EVENTS_RETENTION_DAYS, with the events. */
@Injectable()
export class DeliveryPurgeJob extends BatchedPurgeJob {
  constructor(
    queue: JobQueue,
    private readonly deliveries: DeliveryPurgeRepository,
    private readonly config: AppConfig,
  ) {
    super(queue, { queue: 'delivery-purge', rows: 'deliveries', batchSize: 1000, intervalMs: config.jobs.eventsPurgeIntervalMs, atStart: true });
  }

  protected deleteBatch(size: number): Promise<number> {
    return this.deliveries.deleteBatch(this.config.jobs.eventsRetentionDays, size);
  }
}
