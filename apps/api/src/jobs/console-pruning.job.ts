import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BatchedPurgeJob } from './batched-purge.job';
import { ConsolePruningRepository } from './console-pruning.repository';
import { JobQueue } from './job-queue.service';

/** Deletes expired console sign-in codes and sessions (see ConsolePruningRepository), on the sessions' schedule. */
@Injectable()
export class ConsolePruningJob extends BatchedPurgeJob {
  constructor(
    queue: JobQueue,
    private readonly console: ConsolePruningRepository,
    config: AppConfig,
  ) {
    super(queue, { queue: 'console-pruning', rows: 'console rows', batchSize: 500, intervalMs: config.jobs.sessionsPruneIntervalMs, atStart: false });
  }

  protected deleteBatch(size: number): Promise<number> {
    return this.console.deleteBatch(size);
  }
}
