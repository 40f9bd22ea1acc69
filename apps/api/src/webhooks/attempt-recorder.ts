import { FinishedAttempt, FinishOutcome, WebhookDeliveriesRepository } from './webhook-deliveries.repository';

const MAX_BATCH = 500;

interface Waiting {
  attempt: FinishedAttempt;
  resolve: (outcome: FinishOutcome | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Records finished attempts in batches: whatever finished while the previous statement ran goes in the next
 * one. Under load that is one statement for many deliveries instead of one each; when idle it is one at once.
 */
export class AttemptRecorder {
  private readonly waiting: Waiting[] = [];
  private flushing = false;

  constructor(private readonly deliveries: WebhookDeliveriesRepository) {}

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
        try {
          const outcomes = await this.deliveries.finishMany(batch.map((entry) => entry.attempt));
          for (const entry of batch) entry.resolve(outcomes.get(entry.attempt.deliveryId));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
