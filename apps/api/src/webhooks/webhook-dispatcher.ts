import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventFeed } from '../events/event-feed.service';
import { FeedPosition } from '../events/event-row';
import { BackgroundTransactionRunner } from '../database/background-lane';
import { DeliveryWorker } from './delivery-worker';
import { wants } from './subscription';
import { NewDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatchRepository } from './webhook-dispatch.repository';
import { WebhooksRepository } from './webhooks.repository';

/** Events read per transaction. */
const BATCH = 500;
/** When another replica holds the dispatch lock: look again soon, in case it read before our wake-up's event settled. */
const BUSY_RETRY_MS = 100;
/** A safety net besides the feed's wake-ups. */
const FALLBACK_POLL_MS = 5000;
/** With no endpoint enabled, the feed is not read: its position jumps to the head at most this often. */
export const IDLE_SKIP_MS = 1000;

/**
 * Turns settled events into deliveries, in feed order, on one replica at a time. Each batch's deliveries and
 * the advanced position commit together: a crash repeats at most the batch (deliveries are unique per event
 * and endpoint, so nothing doubles) and never skips one. Woken by the feed (a NOTIFY on every commit that
 * recorded events), so delivery lag is a round trip, not a poll interval.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('WebhookDispatch');
  private running = false;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private draining?: Promise<void>;
  /** Until then no endpoint was enabled at the last look: wake-ups do nothing. */
  private idleUntil = 0;
  private idleTimer?: NodeJS.Timeout;

  constructor(
    private readonly feed: EventFeed,
    private readonly positions: WebhookDispatchRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly transactions: BackgroundTransactionRunner,
    private readonly worker: DeliveryWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.positions.start(await this.feed.head());
    this.unsubscribe = this.feed.onNotify(() => this.wake());
    this.timer = setInterval(() => this.wake(), FALLBACK_POLL_MS);
    this.wake();
  }

  /** Lets a batch in progress commit before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.timer);
    clearTimeout(this.idleTimer);
    await this.draining;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.draining = this.drain()
      .catch((error) => this.log.error({ err: error }, 'webhook dispatch failed'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const outcome = await this.dispatchBatch();
      if (outcome === 'busy') {
        setTimeout(() => this.wake(), BUSY_RETRY_MS).unref();
        return;
      }
      if (outcome === 'moved') continue;
      if (outcome.queued > 0) this.worker.wake();
      if (outcome.read < BATCH || this.stopped) return;
    }
  }

  /**
   * Reads first, then writes in a short transaction that checks nobody advanced the position meanwhile. The
   * transaction never waits for a second pool connection while holding one (the feed reads on its own): with the
   * pool exhausted by requests, holding one and waiting for another starved dispatch for seconds.
   */
  private async dispatchBatch(): Promise<'busy' | 'moved' | { read: number; queued: number }> {
    if (Date.now() < this.idleUntil) {
      // Events arrived while idle: look again as soon as the idle time ends (an endpoint may be enabled by then).
      this.idleTimer ??= setTimeout(() => ((this.idleTimer = undefined), this.wake()), this.idleUntil - Date.now());
      this.idleTimer.unref();
      return { read: 0, queued: 0 };
    }
    const subscribers = await this.webhooks.subscribers();
    if (subscribers.length === 0) return this.skipToHead();
    const position = await this.positions.current();
    const events = await this.feed.readAfter(position, BATCH);
    if (events.length === 0) return { read: 0, queued: 0 };
    const queued: NewDelivery[] = [];
    for (const { event } of events) {
      const payload = JSON.stringify(event);
      for (const subscriber of subscribers) {
        if (wants(subscriber, event)) queued.push({ webhookId: subscriber.webhook_id, eventId: event.eventId, eventType: event.type, payload });
      }
    }
    return this.transactions.run(async (unit) => {
      if (!(await this.positions.tryLock(unit))) return 'busy' as const;
      if (!samePosition(await this.positions.read(unit), position)) return 'moved' as const; // another replica dispatched these
      await this.deliveries.insertMany(unit, queued);
      await this.positions.advance(unit, events[events.length - 1].position);
      if (queued.length > 0) this.positions.notifyReplicas(unit);
      return { read: events.length, queued: queued.length };
    });
  }

  /**
   * No endpoint is enabled: nothing is owed for the events recorded so far, so the position moves to the head
   * without reading them (an event is never sent to an endpoint younger than it, see `wants`). Without this the
   * dispatcher read every event and ran its transaction several times a second on a service with no webhooks:
   * PostgreSQL work on every profile update. The head is read first and the endpoints again under the lock: one
   * enabled in between makes this a normal dispatch, and an event inside the head committed before it existed.
   */
  private async skipToHead(): Promise<'busy' | 'moved' | { read: number; queued: number }> {
    const head = await this.feed.head();
    const outcome = await this.transactions.run(async (unit) => {
      if (!(await this.positions.tryLock(unit))) return 'busy' as const;
      if ((await this.webhooks.subscribers(unit)).length > 0) return 'moved' as const;
      const position = await this.positions.read(unit);
      if (head && (!position || comparePositions(head, position) > 0)) await this.positions.advance(unit, head);
      return { read: 0, queued: 0 };
    });
    if (outcome !== 'busy' && outcome !== 'moved') this.idleUntil = Date.now() + IDLE_SKIP_MS;
    return outcome;
  }
}

function comparePositions(a: FeedPosition, b: FeedPosition): number {
  const tx = BigInt(a.txId) - BigInt(b.txId);
  return tx !== 0n ? Number(tx > 0n) * 2 - 1 : Math.sign(Number(BigInt(a.seq) - BigInt(b.seq)));
}

function samePosition(a: FeedPosition | null, b: FeedPosition | null): boolean {
  return a?.txId === b?.txId && a?.seq === b?.seq;
}
