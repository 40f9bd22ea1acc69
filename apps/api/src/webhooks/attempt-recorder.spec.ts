import { AttemptRecorder } from './attempt-recorder';
import { FinishedAttempt, WebhookDeliveriesRepository } from './webhook-deliveries.repository';

const attempt = (deliveryId: string): FinishedAttempt => ({
  deliveryId,
  webhookId: 'wh_1',
  attempt: 1,
  attemptedAt: new Date(),
  durationMs: 1,
  responseStatus: 204,
  error: null,
  responseBody: null,
  status: 'delivered',
  nextAttemptAt: null,
});
const outcome = { failingSince: null, firstAttemptAt: new Date(), recovered: false };

describe('AttemptRecorder', () => {
  it('records a batch again when its statement fails, rather than leave the attempts to be sent again after their lease', async () => {
    const finishMany = jest
      .fn()
      .mockRejectedValueOnce(new Error('timeout exceeded when trying to connect'))
      .mockImplementation(async (attempts: FinishedAttempt[]) => ({ outcomes: new Map(attempts.map((a) => [a.deliveryId, outcome])), claimed: [] }));
    const recorder = new AttemptRecorder({ finishMany } as unknown as WebhookDeliveriesRepository);
    await expect(recorder.record(attempt('d1'))).resolves.toEqual(outcome);
    expect(finishMany).toHaveBeenCalledTimes(2);
  });

  it('gives up after a few tries, and the attempts stay to be retried after their lease', async () => {
    const finishMany = jest.fn().mockRejectedValue(new Error('the database is down'));
    const recorder = new AttemptRecorder({ finishMany } as unknown as WebhookDeliveriesRepository);
    jest.useFakeTimers();
    try {
      const recorded = recorder.record(attempt('d1'));
      const settled = expect(recorded).rejects.toThrow('the database is down');
      await jest.runAllTimersAsync();
      await settled;
      expect(finishMany).toHaveBeenCalledTimes(4);
    } finally {
      jest.useRealTimers();
    }
  });
});
