import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EventsRepository } from '../events/events.repository';
import { JobQueue } from './job-queue.service';

const QUEUE = 'event-purge';
const BATCH = 1000;
/** Batches one run deletes at most; the next run continues. */
const MAX_BATCHES = 100;

/**
 * Deletes events older than EVENTS_RETENTION_DAYS in small batches (short transactions that hold back
 * followers and vacuum little), as a pg-boss job: every replica's timer asks for a run, and the stately queue
 * keeps one waiting and one running at most. Idempotent: a repeated batch finds less.
 */
@Injectable()
export class EventPurgeJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('EventPurge');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: JobQueue,
    private readonly events: EventsRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.exclusively(() => this.queue.boss.createQueue(QUEUE, { name: QUEUE, policy: 'stately', retryLimit: 3, expireInSeconds: 600 }));
    await this.queue.boss.work(QUEUE, async () => this.run());
    this.timer = setInterval(() => void this.request(), this.config.jobs.eventsPurgeIntervalMs);
    this.timer.unref();
    await this.request();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async request(): Promise<void> {
    await this.queue.boss.send(QUEUE, {}, { singletonKey: QUEUE }).catch((error) => this.log.warn({ err: error }, 'could not schedule the event purge'));
  }

  /** The number of events deleted. */
  async run(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const deleted = await this.events.purgeBatch(this.config.jobs.eventsRetentionDays, BATCH);
      total += deleted;
      if (deleted < BATCH) break;
    }
    if (total > 0) this.log.log({ events: total }, 'events purged');
    return total;
  }
}
