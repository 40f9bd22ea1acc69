import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK_SKEW_SECONDS } from '../auth/token-verifier.service';
import { AppConfig } from '../config/app-config';
import { JobQueue } from './job-queue.service';

const QUEUE = 'session-pruning';
const BATCH = 500;
/** Batches one run deletes at most; the next run continues. */
const MAX_BATCHES = 100;

/**
 * Sessions no token can still use. An ended row is what makes its tokens fail after `clear`, so it stays until
 * the latest `exp` its tokens had (plus clock skew); a row keyed on `sid` stays a day longer, for tokens with
 * that sid it never saw. An open row may go once its tokens expired: a token without a session is still
 * accepted, so removing one revives nothing. Rows with no known expiry (before it was recorded) stay.
 */
export const PRUNABLE_SESSIONS = `
  "expires_at" < now() - make_interval(secs => ${CLOCK_SKEW_SECONDS})
  AND ("ended_at" IS NULL OR "sid" IS NULL OR "expires_at" < now() - interval '1 day')`;

/**
 * Deletes prunable sessions in small batches, as a pg-boss job: every replica's timer asks for a run, and
 * the stately queue keeps one waiting and one running at most. At least once and idempotent (a repeated batch finds less).
 */
@Injectable()
export class SessionPruningJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('SessionPruning');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
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
      const [, deleted]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM "sessions" WHERE "id" IN (SELECT "id" FROM "sessions" WHERE ${PRUNABLE_SESSIONS} LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
      );
      total += deleted;
      if (deleted < BATCH) break;
    }
    if (total > 0) this.log.log({ sessions: total }, 'sessions pruned');
    return total;
  }
}
