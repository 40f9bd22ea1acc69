import { ActorType, EventDto, EventType } from '@roster/dto';

/**
 * Where an event stands in the outbox's order: its transaction's id, then its insert order. Opaque to
 * followers; both parts are decimal text (xid8 and bigint exceed a JS number's exact range).
 */
export interface FeedPosition {
  txId: string;
  seq: string;
}

/** An outbox row as the statements select it. */
export interface EventRow extends FeedPosition {
  eventId: string;
  type: EventType;
  occurredAt: Date;
  actorType: ActorType;
  actorId: string;
  requestId: string | null;
  userId: string | null;
  tenantId: string | null;
  data: Record<string, unknown>;
}

/** The one place the wire shape is built. */
export function toEventDto(row: EventRow): EventDto {
  const event: EventDto = {
    eventId: row.eventId,
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    actor: { type: row.actorType, id: row.actorId },
    requestId: row.requestId,
    data: row.data,
  };
  if (row.userId !== null) event.userId = row.userId;
  if (row.tenantId !== null) event.tenantId = row.tenantId;
  return event;
}

export const positionOfRow = (row: EventRow): FeedPosition => ({ txId: row.txId, seq: row.seq });
