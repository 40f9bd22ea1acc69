import { CollectionLinks, Pagination } from './user-identity-collection.dto';

/** One HTTP attempt of a delivery. */
export class WebhookDeliveryAttempt {
  attempt: number;
  attemptedTime: string;
  durationMs: number;
  /** The endpoint's status code; absent when no response came (see `error`). */
  responseStatus?: number;
  /** Why the attempt failed without a response, or was refused (e.g. a private address). */
  error?: string;
  /** The first 16 KB of the response body at most. */
  responseBody?: string;
}

/** One event sent to one endpoint, with every attempt so far. */
export class WebhookDelivery {
  deliveryId: string;
  /** Also the `webhook-id` header of every attempt. */
  eventId: string;
  eventType: string;
  /** `pending` (waiting for its next attempt), `delivered` (a 2xx answer) or `failed` (retries exhausted, or the endpoint was disabled). */
  status: string;
  attempts: WebhookDeliveryAttempt[];
  /** When the next attempt is due, while `pending`. */
  nextAttemptTime?: string;
  createdTime: string;
}

/** One page of GET /v1/webhooks/{webhookId}/deliveries, newest first. */
export class WebhookDeliveryCollection {
  deliveries: WebhookDelivery[];
  pagination: Pagination;
  links: CollectionLinks;
}
