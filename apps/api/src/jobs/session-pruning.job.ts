import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BatchedPurgeJob } from './batched-purge.job';
import { JobQueue } from './job-queue.service';
import { SessionPruningRepository } from './session-pruning.repository';

/** Deletes the sessions no token can still use (see SessionPruningRepository). */
@Injectable()
export class SessionPruningJob extends BatchedPurgeJob {
  constructor(
    queue: JobQueue,
    private readonly sessions: SessionPruningRepository,
    config: AppConfig,
  ) {
    super(queue, { queue: 'session-pruning', rows: 'sessions', batchSize: 500, intervalMs: config.jobs.sessionsPruneIntervalMs, atStart: false });
  }

  protected deleteBatch(size: number): Promise<number> {
    return this.sessions.deleteBatch(size);
  }
}
