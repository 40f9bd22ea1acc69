import { EventType } from '@roster/dto';
import { Actor } from './attribution';

/** An event as a change records it: the outbox adds its id, time and position. */
export interface EventDraft {
  type: EventType;
  actor: Actor;
  requestId?: string | null;
  /** The Authress-style userId of the user the event is about. */
  userId?: string | null;
  tenantId?: string | null;
  /** Ids, names of changed fields, versions: never tokens, keys or secrets. */
  data: Record<string, unknown>;
}
