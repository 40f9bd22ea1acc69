/** Every event type Roster records (`webhook.test`: the one a webhook test sends). */
export const EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.signed_in',
  'user.signed_out',
  'user.deletion_requested',
  'user.deleted',
  'tenant.created',
  'tenant.deleted',
  'tenant.user_linked',
  'client.created',
  'client.updated',
  'client.deleted',
  'client.access_key_created',
  'client.access_key_revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.disabled',
  'webhook.test',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ACTOR_TYPES = ['user', 'client', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Who made the change: a user (their userId), a service client (its clientId) or Roster itself (the job's name). */
export class EventActor {
  type: ActorType;
  id: string;
}

/**
 * One recorded change. `data` holds what the type says changed (ids, names of changed fields, versions),
 * never tokens, keys or secrets.
 */
export class EventDto {
  eventId: string;
  type: EventType;
  /** ISO 8601: when the change was recorded, in the transaction that made it. */
  occurredAt: string;
  actor: EventActor;
  /** The id of the request that made the change (its `errorId` and log line); null for jobs. */
  requestId: string | null;
  /** The Authress-style userId of the user the event is about. */
  userId?: string;
  tenantId?: string;
  data: Record<string, unknown>;
}
