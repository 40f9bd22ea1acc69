import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { JobQueue } from './job-queue.service';

const QUEUE = 'user-deletion';
const BATCH = 1000;

interface DeletionRequest {
  userId: string;
}

/**
 * Removes a user marked `deleting_at` and every row of theirs, in small idempotent batches. At least once:
 * a crash mid-job leaves the rest for the retry (or for the re-enqueue at the next start), never lost.
 */
@Injectable()
export class UserDeletionJob implements OnApplicationBootstrap {
  private readonly log = new Logger('UserDeletion');
  private workerId?: string;

  constructor(
    private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // 'short': at most one waiting job per user (singletonKey), so an enqueue is never doubled.
    await this.queue.exclusively(() => this.queue.boss.createQueue(QUEUE, { name: QUEUE, policy: 'short', retryLimit: 20, retryDelay: 5, retryBackoff: true, expireInSeconds: 900 }));
    this.workerId = await this.queue.boss.work<DeletionRequest>(QUEUE, async ([job]) => this.run(job));
    await this.enqueueUnfinished();
  }

  /** Call inside the transaction that sets `deleting_at`. */
  async enqueue(manager: EntityManager, userId: string): Promise<void> {
    await this.queue.boss.send(QUEUE, { userId } satisfies DeletionRequest, { singletonKey: userId, db: JobQueue.within(manager) });
  }

  /** After the enqueueing transaction committed: this replica starts at once instead of at its next poll. */
  wake(): void {
    if (this.workerId) this.queue.boss.notifyWorker(this.workerId);
  }

  /**
   * Users marked for deletion whose job is not waiting: lost jobs, or a job that was running in a process
   * that died (it looks active until it expires). A second run of a live job finds nothing left to delete.
   */
  private async enqueueUnfinished(): Promise<void> {
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM users WHERE deleting_at IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`, [after, BATCH]);
      if (rows.length === 0) return;
      await this.queue.boss.insert(rows.map(({ id }) => ({ name: QUEUE, data: { userId: id }, singletonKey: id })));
      after = rows[rows.length - 1].id;
    }
  }

  private async run(job: PgBoss.Job<DeletionRequest>): Promise<void> {
    const { userId } = job.data;
    this.log.log({ userId, jobId: job.id }, 'user deletion started');
    const [marked] = await this.dataSource.query(`SELECT 1 FROM users WHERE id = $1 AND deleting_at IS NOT NULL`, [userId]);
    if (!marked) return; // already gone (a repeated job), or never marked: nothing of a live user is touched
    let rows = 0;
    for (const table of ['identities', 'sessions']) {
      let deleted: number;
      do {
        deleted = await this.batch(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE user_id = $1 LIMIT ${BATCH})`, userId);
        rows += deleted;
      } while (deleted === BATCH);
    }
    rows += await this.batch(`DELETE FROM tenant_users WHERE user_id = $1`, userId);
    rows += await this.batch(`DELETE FROM users WHERE id = $1 AND deleting_at IS NOT NULL`, userId);
    this.log.log({ userId, jobId: job.id, rows }, 'user deleted');
  }

  private async batch(sql: string, userId: string): Promise<number> {
    const delay = this.config.jobs.testDeleteBatchDelayMs;
    if (delay > 0) await sleep(delay);
    const [, count] = await this.dataSource.query(sql, [userId]);
    return count;
  }
}
