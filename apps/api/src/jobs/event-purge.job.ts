import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EventsRepository } from '../events/events.repository';
import { BatchedPurgeJob } from './batched-purge.job';
import { JobQueue } from './job-queue.service';

/** Deletes events older than EVENTS_RETENTION_DAYS; small batches hold back followers and vacuum little. */
@Injectable()
export class EventPurgeJob extends BatchedPurgeJob {
  constructor(
    queue: JobQueue,
    private readonly events: EventsRepository,
    private readonly config: AppConfig,
  ) {
    super(queue, { queue: 'event-purge', rows: 'events', batchSize: 1000, intervalMs: config.jobs.eventsPurgeIntervalMs, atStart: true });
  }

  protected deleteBatch(size: number): Promise<number> {
    return this.events.purgeBatch(this.config.jobs.eventsRetentionDays, size);
  }
}
