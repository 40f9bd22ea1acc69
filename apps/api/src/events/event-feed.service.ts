import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventDto } from '@roster/dto';
import { ProfileEvents } from '../profile-changes/profile-events.service';
import { EventsRepository } from './events.repository';
import { FeedPosition, positionOfRow, toEventDto } from './event-row';

export interface FeedEvent {
  position: FeedPosition;
  event: EventDto;
}

/** How often a process re-checks, while recorded events wait for older transactions to end. */
const SETTLE_CHECK_MS = 100;
const SETTLE_RETRY_MS = 1000;
/**
 * The head is read this often while anyone follows, and followers are woken when it moved: the NOTIFY comes
 * after the commit (database/notifier.ts), so a process that dies in between loses it, and this bounds the delay.
 */
const HEAD_POLL_MS = 1000;

/**
 * The outbox for followers (the live feed, `?after=`, webhook dispatch): pages in position order that never
 * skip a late commit (see events.statements.ts), and a wake-up when events may have become readable.
 */
@Injectable()
export class EventFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(EventFeed.name);
  private readonly listeners = new Set<() => void>();
  private settleTimer?: NodeJS.Timeout;
  private lastBound?: string;
  private stopped = false;
  private headTimer?: NodeJS.Timeout;
  private lastHead?: string;
  private pollingHead = false;

  constructor(
    private readonly events: EventsRepository,
    private readonly notifications: ProfileEvents,
  ) {}

  onModuleInit(): void {
    this.notifications.onOutbox(() => {
      this.wake();
      this.watchSettling();
    });
    this.headTimer = setInterval(() => void this.pollHead(), HEAD_POLL_MS);
    this.headTimer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.settleTimer);
    clearInterval(this.headTimer);
  }

  /** Up to `limit` settled events after `after` (from the oldest kept when null), oldest first. */
  async readAfter(after: FeedPosition | null, limit: number): Promise<FeedEvent[]> {
    const rows = await this.events.readAfter(after, limit);
    return rows.map((row) => ({ position: positionOfRow(row), event: toEventDto(row) }));
  }

  /** The position of an event (settled or not); null when there is none with that id (never, or purged). */
  positionOf(eventId: string): Promise<FeedPosition | null> {
    return this.events.positionOf(eventId);
  }

  /** The newest settled position: a follower that starts here sees only what is recorded from now on. */
  head(): Promise<FeedPosition | null> {
    return this.events.settledHead();
  }

  /**
   * `listener` runs when events may have become readable: after a commit that recorded some, when an older
   * transaction that held them back ends, and after the shared LISTEN connection reconnects (notifications may
   * have been lost). Either way, read again from the last position; a wake-up may find nothing new. Returns
   * the unsubscribe function.
   */
  onNotify(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private wake(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async pollHead(): Promise<void> {
    if (this.listeners.size === 0 || this.pollingHead) return;
    this.pollingHead = true;
    try {
      const head = await this.events.settledHead();
      const seen = head ? `${head.txId}/${head.seq}` : '';
      if (this.lastHead !== undefined && seen !== this.lastHead) this.wake();
      this.lastHead = seen;
    } catch {
      // The database is away: followers retry their own reads, and the LISTEN reconnect wakes them all.
    } finally {
      this.pollingHead = false;
    }
  }

  /**
   * A commit's NOTIFY may come while an older transaction still holds its events back, and that
   * transaction's end sends nothing. So while rows wait above the settled bound, one timer per process
   * checks the bound and wakes the followers when it moves.
   */
  private watchSettling(delayMs = SETTLE_CHECK_MS): void {
    if (this.settleTimer || this.stopped || this.listeners.size === 0) return;
    this.settleTimer = setTimeout(() => {
      this.events
        .settling()
        .then(({ bound, unsettled }) => {
          if (bound !== this.lastBound) this.wake();
          this.lastBound = bound;
          this.settleTimer = undefined;
          if (unsettled) this.watchSettling();
        })
        .catch((error: Error) => {
          this.log.warn(`checking unsettled events failed: ${error.message}`);
          this.settleTimer = undefined;
          this.watchSettling(SETTLE_RETRY_MS);
        });
    }, delayMs);
    this.settleTimer.unref();
  }
}
