import { setTimeout as sleep } from 'node:timers/promises';
import { ClaimedDelivery, FinishedAttempt, FinishOutcome, WebhookDeliveriesRepository } from './webhook-deliveries.repository';

const MAX_BATCH = 500;
/** Pauses before recording a failed batch again. */
const RETRY_DELAYS_MS = [250, 1000, 4000];

interface Waiting {
  attempt: FinishedAttempt;
  resolve: (outcome: FinishOutcome | undefined) => void;
  reject: (error: unknown) => void;
}

/** How a batch's statement also claims the next deliveries of its healthy endpoints (see finishMany). */
export interface HandOff {
  /** Most deliveries to claim when `finishing` attempts are about to end (0: none). Reserved until `started`. */
  reserve(finishing: number): number;
  /** Receives what was claimed (maybe nothing) and frees the reservation; called before the batch's attempts resolve. */
  started(claimed: ClaimedDelivery[], reserved: number): void;
  cap: number;
  leaseMs: number;
}

/**
 * Records finished attempts in batches: whatever finished while the previous statement ran goes in the next
 * one. Under load that is one statement for many deliveries instead of one each; when idle it is one at once.
 */
export class AttemptRecorder {
  private readonly waiting: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly handOff?: HandOff,
  ) {}

  /** Resolves once recorded; undefined when the endpoint was deleted meanwhile. */
  record(attempt: FinishedAttempt): Promise<FinishOutcome | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        const reserved = this.handOff?.reserve(batch.length) ?? 0;
        try {
          const attempts = batch.map((entry) => entry.attempt);
          const { outcomes, claimed } = await this.finish(attempts, reserved);
          this.handOff?.started(claimed, reserved);
          for (const entry of batch) entry.resolve(outcomes.get(entry.attempt.deliveryId));
        } catch (error) {
          this.handOff?.started([], reserved);
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Tries again when the statement fails (no pool connection in time, a statement timeout under overload): an
   * attempt left unrecorded is sent again when its lease ends, a duplicate the endpoint sees. It is idempotent
   * (a delivery's state changes only for its current attempt, attempt rows are inserted once).
   */
  private async finish(attempts: FinishedAttempt[], reserved: number): ReturnType<WebhookDeliveriesRepository['finishMany']> {
    for (let retry = 0; ; retry++) {
      try {
        return await this.deliveries.finishMany(attempts, { limit: reserved, cap: this.handOff?.cap ?? 0, leaseMs: this.handOff?.leaseMs ?? 0 });
      } catch (error) {
        if (retry >= RETRY_DELAYS_MS.length) throw error;
        await sleep(RETRY_DELAYS_MS[retry]);
      }
    }
  }
}
