import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, WebhooksConfig } from '../config/app-config';
import { deriveKey, open } from '../crypto/secret-box';
import { EventFeed } from '../events/event-feed.service';
import { AttemptRecorder } from './attempt-recorder';
import { nextAttemptAt } from './retry-schedule';
import { ClaimedDelivery, FinishedAttempt, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { SendResult, WebhookSender } from './webhook-sender';
import { signedHeaders } from './webhook-signature';
import { WebhooksService } from './webhooks.service';

/** Most deliveries one claim takes. */
const CLAIM_BATCH = 50;
/** Notifications arriving within this time cause one look. */
const WAKE_COALESCE_MS = 20;

/**
 * Sends due deliveries, on every replica: claims them (at most WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT in flight per
 * endpoint over all replicas, WEBHOOK_CONCURRENCY on this one), attempts each once, records the attempt and
 * schedules the next one. Woken by the dispatcher when it queued deliveries, and by a poll for retries and for
 * deliveries another replica queued.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Webhooks');
  private readonly settings: WebhooksConfig;
  private readonly secretKey: Buffer;
  private readonly leaseMs: number;
  private readonly recorder: AttemptRecorder;
  /** Decrypted secrets by their sealed form: opened once, not on every attempt. */
  private readonly secrets = new Map<string, string>();
  private inFlight = 0;
  /** Senders promised to a recording statement's hand-off claim until it returns. */
  private reserved = 0;
  private pumping = false;
  private again = false;
  private poll?: NodeJS.Timeout;
  private stopped = false;
  private readonly running = new Set<Promise<void>>();
  private soonTimer?: NodeJS.Timeout;
  private pumpRun?: Promise<void>;
  private unsubscribe?: () => void;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly sender: WebhookSender,
    private readonly webhooks: WebhooksService,
    config: AppConfig,
    private readonly feed?: EventFeed,
  ) {
    this.settings = config.webhooks;
    this.secretKey = deriveKey(config.secretKey, 'webhook-secret');
    // Longer than any attempt can take, so a live attempt's delivery is never claimed twice.
    this.leaseMs = this.settings.timeoutMs + 10_000;
    // A finished attempt's recording claims its endpoint's next due deliveries in the same round trip: under load
    // a sender's cycle is its HTTP exchange and one statement, not also a separate claim it waits its turn for.
    this.recorder = new AttemptRecorder(deliveries, {
      reserve: (finishing) => {
        const room = this.stopped ? 0 : Math.max(0, Math.min(this.settings.concurrency - this.inFlight - this.reserved + finishing, CLAIM_BATCH));
        this.reserved += room;
        return room;
      },
      started: (claimed, reserved) => {
        this.reserved -= reserved;
        for (const delivery of claimed) this.start(delivery);
      },
      cap: this.settings.maxInFlightPerEndpoint,
      leaseMs: this.leaseMs,
    });
  }

  onApplicationBootstrap(): void {
    this.poll = setInterval(() => this.wake(), this.settings.pollMs);
    // Another replica's dispatcher notifies when it queued deliveries (and every recorded event notifies too):
    // look soon, once per burst.
    this.unsubscribe = this.feed?.onNotify(() => this.soon());
    this.wake();
  }

  /** Stops claiming; attempts in flight get a few seconds to finish and be recorded (an unrecorded one is retried after its lease). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.soonTimer);
    this.unsubscribe?.();
    await this.pumpRun;
    await Promise.race([Promise.allSettled([...this.running]), sleep(3000, undefined, { ref: false })]);
    this.sender.close();
  }

  /** Looks for due deliveries now. */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    this.pumpRun = this.pump()
      .catch((error) => this.log.error({ err: error }, 'claiming webhook deliveries failed'))
      .finally(() => {
        this.pumping = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private soon(): void {
    this.soonTimer ??= setTimeout(() => {
      this.soonTimer = undefined;
      this.wake();
    }, WAKE_COALESCE_MS);
  }

  private async pump(): Promise<void> {
    while (!this.stopped) {
      const room = Math.min(this.settings.concurrency - this.inFlight - this.reserved, CLAIM_BATCH);
      if (room <= 0) return;
      const claimed = await this.deliveries.claim(room, this.settings.maxInFlightPerEndpoint, this.leaseMs);
      for (const delivery of claimed) this.start(delivery);
      if (claimed.length < room) return;
    }
  }

  private start(delivery: ClaimedDelivery): void {
    this.inFlight++;
    const attempt = this.attempt(delivery)
      .catch((error) => this.log.error({ err: error, deliveryId: delivery.delivery_id }, 'webhook attempt failed to record'))
      .finally(() => {
        this.inFlight--;
        this.running.delete(attempt);
        this.wake();
      });
    this.running.add(attempt);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const attemptedAt = new Date();
    const headers = signedHeaders(this.secretsOf(delivery, attemptedAt), delivery.event_id, delivery.payload, attemptedAt);
    const result = await this.sender.send(delivery.url, headers, delivery.payload);
    const done = new Date();
    const record = {
      deliveryId: delivery.delivery_id,
      webhookId: delivery.webhook_id,
      attempt: delivery.attempts,
      attemptedAt,
      durationMs: result.durationMs,
      responseStatus: result.status ?? null,
      error: result.error ?? (result.status !== undefined && !delivered(result) ? `the endpoint answered ${result.status}` : null),
      responseBody: result.body || null,
    };
    if (delivered(result)) {
      const outcome = await this.recorder.record({ ...record, status: 'delivered', nextAttemptAt: null });
      // Back after an outage: its backlog need not wait out the back-off (the cap still paces it).
      if (outcome?.recovered && (await this.deliveries.releaseBacklog(delivery.webhook_id)) > 0) this.wake();
      return;
    }
    const gone = result.status === 410;
    // Before the attempt is recorded (which frees a sender for the next claim): nothing more goes to a gone endpoint.
    if (gone) await this.webhooks.disable(delivery.webhook_id, 'gone');
    const windowEnd = new Date(delivery.retrying_since.getTime() + this.settings.retryWindowMs);
    const next = gone ? undefined : nextAttemptAt(delivery.attempts, done, windowEnd, this.settings.retryBaseMs);
    const finished: FinishedAttempt = { ...record, status: next ? 'pending' : 'failed', nextAttemptAt: next ?? null };
    const outcome = await this.recorder.record(finished);
    if (gone || !outcome?.failingSince) return;
    // Failing for the whole window: no success since the clock started that long ago, or since this delivery's
    // first attempt when its retries ran out (an endpoint that gets one event a day is disabled too).
    const { failingSince, firstAttemptAt } = outcome;
    if (done.getTime() - failingSince.getTime() >= this.settings.retryWindowMs || (!next && failingSince <= firstAttemptAt)) {
      await this.webhooks.disable(delivery.webhook_id, 'failing');
    }
  }

  /** The current secret, and the previous one during the day after a rotation. */
  private secretsOf(delivery: ClaimedDelivery, now: Date): string[] {
    const secrets = [this.opened(delivery.secret_sealed)];
    if (delivery.previous_secret_sealed && delivery.previous_secret_expires_at && delivery.previous_secret_expires_at > now) secrets.push(this.opened(delivery.previous_secret_sealed));
    return secrets;
  }

  private opened(sealed: string): string {
    let secret = this.secrets.get(sealed);
    if (secret === undefined) {
      if (this.secrets.size >= 10_000) this.secrets.clear();
      secret = open(sealed, this.secretKey).toString('utf8');
      this.secrets.set(sealed, secret);
    }
    return secret;
  }
}

function delivered(result: SendResult): boolean {
  return result.status !== undefined && result.status >= 200 && result.status < 300;
}
