import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { defineStatement, Params, sql } from './sql';
import { StatementRunner } from './statement-runner';
import { UnitOfWork } from './unit-of-work';

/** Profile changes, payload `{u: users.id, k: kind, v: version}` (profile-changes/profile-events.service.ts). */
export const PROFILE_CHANNEL = 'roster_profile';
/** The outbox's wake-up, payload empty: events were recorded, or webhook deliveries queued. */
export const EVENTS_CHANNEL = 'roster_events';

const notifyAll = defineStatement('notifier.send', (p: Params<{ channels: string[]; payloads: string[] }>) => sql`
  SELECT pg_notify(n.channel, n.payload) FROM unnest(${p.channels}::text[], ${p.payloads}::text[]) AS n(channel, payload)`);

/** A failed send is tried again after these pauses (the pool busy or the database restarting), then dropped. */
const RETRY_DELAYS_MS = [50, 250, 1000];

/**
 * Sends NOTIFYs after the commit, batched, never inside the transaction that made the change. PostgreSQL
 * commits notifying transactions one at a time, each holding a lock through its own WAL flush: 20 concurrent
 * profile updates with pg_notify in the statement ran at 610–1,160/s in pgbench, without it at 1,480–2,070/s,
 * and followed by the NOTIFY as a statement of its own (no transaction id, so nothing to flush under the lock)
 * at 1,440–1,490/s. Notifications that arrive while a batch is being sent go out together in the next one. The
 * app's notifier sends on the background lane, so a batch never waits for a connection behind requests.
 *
 * A notification is only a wake-up: event followers read the outbox by position (and poll as a safety net,
 * events/event-feed.service.ts) and the profile stream re-reads the profile. One is lost only when the process
 * dies between the commit and the send, or the database refuses the send for over a second.
 */
@Injectable()
export class Notifier implements OnModuleDestroy {
  private readonly log = new Logger('Notifier');
  /** channel NUL payload: a notification queued twice before it is sent is sent once (PostgreSQL would fold them too). */
  private readonly pending = new Set<string>();
  /** Settles once the batch now being gathered has been sent. */
  private gathering?: { sent: Promise<void>; settle: () => void };
  private draining?: Promise<void>;

  constructor(private readonly statements: StatementRunner) {}

  /**
   * Resolves once the notification has been sent, or its first attempt failed (later attempts go on without the
   * caller); it never rejects. A caller that waits before answering keeps the order of the old in-transaction
   * NOTIFY: whoever saw the answer can rely on the notification being on its way, as the stream's one frame per
   * change does. A database gone after the commit delays the answer by one attempt, not by every retry.
   */
  send(channel: string, payload: string): Promise<void> {
    this.pending.add(`${channel}\u0000${payload}`);
    if (!this.gathering) {
      let settle = () => undefined as void;
      const sent = new Promise<void>((resolve) => (settle = resolve));
      this.gathering = { sent, settle };
    }
    this.draining ??= this.drain();
    return this.gathering.sent;
  }

  /** Sent once `work` has committed (TransactionRunner.run waits for it); nothing after a rollback. */
  afterCommit(work: UnitOfWork, channel: string, payload: string): void {
    work.afterCommit(() => this.send(channel, payload));
  }

  /** What was committed before shutdown is still announced. */
  async onModuleDestroy(): Promise<void> {
    await this.draining;
  }

  private async drain(): Promise<void> {
    // Let the other requests that committed in this turn of the event loop join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.size > 0) {
      const batch = [...this.pending];
      const gathered = this.gathering!;
      this.pending.clear();
      this.gathering = undefined;
      await this.deliver(batch.map((entry) => entry.split('\u0000') as [string, string]), gathered.settle);
    }
    this.draining = undefined;
  }

  private async deliver(batch: Array<[string, string]>, attempted: () => void): Promise<void> {
    const params = { channels: batch.map(([channel]) => channel), payloads: batch.map(([, payload]) => payload) };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.statements.rows(notifyAll, params);
        attempted();
        return;
      } catch (error) {
        attempted();
        if (attempt >= RETRY_DELAYS_MS.length) {
          this.log.warn(`dropped ${batch.length} notifications: ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }
}
