import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobQueue } from './job-queue.service';

/** Batches one run deletes at most; the next run continues. */
const MAX_BATCHES = 100;

export interface PurgeSchedule {
  /** The pg-boss queue, also the job's name in logs. */
  queue: string;
  /** What a batch deletes, in the log line (`sessions`, `events`). */
  rows: string;
  batchSize: number;
  intervalMs: number;
  /** Ask for a run at start too, not only after the first interval. */
  atStart: boolean;
}

/**
 * Deletes rows in small batches (short transactions), as a pg-boss job: every replica's timer asks for a run, and
 * the stately queue keeps one waiting and one running at most. At least once and idempotent: a repeated batch
 * finds less. A subclass names its schedule and deletes one batch.
 */
export abstract class BatchedPurgeJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;

  protected constructor(
    private readonly queue: JobQueue,
    private readonly schedule: PurgeSchedule,
  ) {
    this.log = new Logger(schedule.queue);
  }

  /** Deletes at most `size` rows; the number deleted. */
  protected abstract deleteBatch(size: number): Promise<number>;

  async onApplicationBootstrap(): Promise<void> {
    const { queue } = this.schedule;
    await this.queue.exclusively(() => this.queue.boss.createQueue(queue, { name: queue, policy: 'stately', retryLimit: 3, expireInSeconds: 600 }));
    await this.queue.boss.work(queue, async () => this.run());
    this.timer = setInterval(() => void this.request(), this.schedule.intervalMs);
    this.timer.unref();
    if (this.schedule.atStart) await this.request();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async request(): Promise<void> {
    const { queue } = this.schedule;
    await this.queue.boss.send(queue, {}, { singletonKey: queue }).catch((error) => this.log.warn({ err: error }, `could not schedule ${queue}`));
  }

  /** The number of rows deleted. */
  async run(): Promise<number> {
    const { batchSize, rows } = this.schedule;
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const deleted = await this.deleteBatch(batchSize);
      total += deleted;
      if (deleted < batchSize) break;
    }
    if (total > 0) this.log.log({ [rows]: total }, `${rows} purged`);
    return total;
  }
}
