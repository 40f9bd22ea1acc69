import { Webhook, WebhookDelivery } from '@roster/dto';
import { DeliveryRow } from './webhook-deliveries.repository';
import { WebhookRow } from './webhooks.repository';

/** The only place the `Webhook` wire shape is built; the secret never passes through here. */
export function toWebhook(row: WebhookRow): Webhook {
  return {
    webhookId: row.webhook_id,
    url: row.url,
    eventTypes: row.event_types,
    ...(row.description ? { description: row.description } : {}),
    excludeActorClientIds: row.exclude_actor_client_ids,
    enabled: row.disabled_at === null,
    ...(row.disabled_at ? { disabledReason: row.disabled_reason ?? 'paused', disabledTime: row.disabled_at.toISOString() } : {}),
    createdTime: row.created_at.toISOString(),
    updatedTime: row.updated_at.toISOString(),
  };
}

export function toWebhookDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts.map((attempt) => ({
      attempt: attempt.attempt,
      attemptedTime: new Date(attempt.attempted_at).toISOString(),
      durationMs: attempt.duration_ms,
      ...(attempt.response_status !== null ? { responseStatus: attempt.response_status } : {}),
      ...(attempt.error !== null ? { error: attempt.error } : {}),
      ...(attempt.response_body ? { responseBody: attempt.response_body } : {}),
    })),
    ...(row.status === 'pending' && row.next_attempt_at ? { nextAttemptTime: row.next_attempt_at.toISOString() } : {}),
    createdTime: row.created_at.toISOString(),
  };
}
