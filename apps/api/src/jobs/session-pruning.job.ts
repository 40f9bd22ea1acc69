import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobQueue } from './job-queue.service';
import { SessionPruningRepository } from './session-pruning.repository';

const QUEUE = 'session-pruning';
const BATCH = 500;
/** Batches one run deletes at most; the next run continues. */
const MAX_BATCHES = 100;

/**
 * Deletes prunable sessions (see SessionPruningRepository) in small batches, as a pg-boss job: every replica's timer asks for a run, and
 * the stately queue keeps one waiting and one running at most. At least once and idempotent (a repeated batch finds less).
 */
@Injectable()
export class SessionPruningJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('SessionPruning');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: JobQueue,
    private readonly sessions: SessionPruningRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.exclusively(() => this.queue.boss.createQueue(QUEUE, { name: QUEUE, policy: 'stately', retryLimit: 3, expireInSeconds: 600 }));
    await this.queue.boss.work(QUEUE, async () => this.run());
    this.timer = setInterval(() => void this.request(), this.config.jobs.sessionsPruneIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async request(): Promise<void> {
    await this.queue.boss.send(QUEUE, {}, { singletonKey: QUEUE }).catch((error) => this.log.warn({ err: error }, 'could not schedule session pruning'));
  }

  /** The number of sessions deleted. */
  async run(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const deleted = await this.sessions.deleteBatch(BATCH);
      total += deleted;
      if (deleted < BATCH) break;
    }
    if (total > 0) this.log.log({ sessions: total }, 'sessions pruned');
    return total;
  }
}
