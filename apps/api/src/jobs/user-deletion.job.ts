import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { TransactionRunner, UnitOfWork } from '../database/unit-of-work';
import { systemAttribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { JobQueue } from './job-queue.service';
import { UserDeletionRepository } from './user-deletion.repository';

const QUEUE = 'user-deletion';
const BATCH = 1000;
/** The actor of user.deleted: the job, whoever asked for the deletion (user.deletion_requested names them). */
const DELETION = systemAttribution(QUEUE);

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
    private readonly rows: UserDeletionRepository,
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsRecorder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // 'short': at most one waiting job per user (singletonKey), so an enqueue is never doubled.
    await this.queue.exclusively(() => this.queue.boss.createQueue(QUEUE, { name: QUEUE, policy: 'short', retryLimit: 20, retryDelay: 5, retryBackoff: true, expireInSeconds: 900 }));
    this.workerId = await this.queue.boss.work<DeletionRequest>(QUEUE, async ([job]) => this.run(job));
    await this.enqueueUnfinished();
  }

  /** Call inside the unit of work that sets `deleting_at`. */
  async enqueue(unit: UnitOfWork, userId: string): Promise<void> {
    await this.queue.boss.send(QUEUE, { userId } satisfies DeletionRequest, { singletonKey: userId, db: JobQueue.within(unit) });
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
      const ids = await this.rows.markedAfter(after, BATCH);
      if (ids.length === 0) return;
      await this.queue.boss.insert(ids.map((id) => ({ name: QUEUE, data: { userId: id }, singletonKey: id })));
      after = ids[ids.length - 1];
    }
  }

  private async run(job: PgBoss.Job<DeletionRequest>): Promise<void> {
    const { userId } = job.data;
    this.log.log({ userId, jobId: job.id }, 'user deletion started');
    if (!(await this.rows.isMarked(userId))) return; // already gone (a repeated job), or never marked: nothing of a live user is touched
    let rows = 0;
    for (const deleteBatch of [() => this.rows.deleteIdentities(userId, BATCH), () => this.rows.deleteSessions(userId, BATCH)]) {
      let deleted: number;
      do {
        deleted = await this.batch(deleteBatch);
        rows += deleted;
      } while (deleted === BATCH);
    }
    rows += await this.batch(() => this.finish(userId));
    this.log.log({ userId, jobId: job.id, rows }, 'user deleted');
  }

  /**
   * The user row, its tenant link and the user.deleted event in one transaction, under the row's lock: a
   * repeated or concurrent run finds the row gone and records nothing, so the event is written once.
   */
  private finish(userId: string): Promise<number> {
    return this.transactions.run(async (unit) => {
      const publicUserId = await this.rows.lockMarked(userId, unit);
      if (!publicUserId) return 0;
      // Recorded while the tenant link stands, so the event is filed under the user's tenant.
      await this.events.record(unit, { type: 'user.deleted', ...DELETION, userId: publicUserId, data: {} });
      return (await this.rows.deleteTenantLink(userId, unit)) + (await this.rows.deleteUser(userId, unit));
    });
  }

  private async batch(deleteRows: () => Promise<number>): Promise<number> {
    const delay = this.config.jobs.testDeleteBatchDelayMs;
    if (delay > 0) await sleep(delay);
    return deleteRows();
  }
}
