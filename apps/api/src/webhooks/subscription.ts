import { EventDto } from '@roster/dto';
import { Subscriber } from './webhooks.repository';

/**
 * Whether `event` goes to `subscriber`: a type it subscribes to (`*`, the exact type, or a `prefix.*`), not
 * caused by a client it excludes (echo suppression), and not older than the endpoint. A `webhook.test` goes
 * only to the endpoint it tests, whatever that subscribes to.
 */
export function wants(subscriber: Subscriber, event: EventDto): boolean {
  if (event.type === 'webhook.test') return event.data.webhookId === subscriber.webhook_id;
  if (new Date(event.occurredAt) < subscriber.created_at) return false;
  if (event.actor.type === 'client' && subscriber.exclude_actor_client_ids.includes(event.actor.id)) return false;
  return subscriber.event_types.some((pattern) => pattern === '*' || pattern === event.type || (pattern.endsWith('.*') && event.type.startsWith(pattern.slice(0, -1))));
}
