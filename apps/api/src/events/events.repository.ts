import { Injectable } from '@nestjs/common';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { EventDraft } from './event-draft';
import { insertEvent, positionOf, purgeBatch, readAfter, settledHead, settling } from './events.statements';
import { EventRow, FeedPosition } from './event-row';

/** Every statement on the outbox. */
@Injectable()
export class EventsRepository {
  constructor(private readonly statements: StatementRunner) {}

  async insert(draft: EventDraft, work: UnitOfWork): Promise<string> {
    const row = await this.statements.one<Parameters<typeof insertEvent.values>[0], { eventId: string }>(
      insertEvent,
      {
        type: draft.type,
        actorType: draft.actor.type,
        actorId: draft.actor.id,
        requestId: draft.requestId ?? null,
        userId: draft.userId ?? null,
        tenantId: draft.tenantId ?? null,
        data: JSON.stringify(draft.data),
      },
      work,
    );
    return row!.eventId;
  }

  /** Settled rows after `after` (from the start when null), in position order. */
  readAfter(after: FeedPosition | null, limit: number): Promise<EventRow[]> {
    return this.statements.rows(readAfter, { txId: after?.txId ?? '0', seq: after?.seq ?? '0', limit });
  }

  async positionOf(eventId: string): Promise<FeedPosition | null> {
    return (await this.statements.one<{ eventId: string }, FeedPosition>(positionOf, { eventId })) ?? null;
  }

  async settledHead(): Promise<FeedPosition | null> {
    return (await this.statements.one<Record<string, never>, FeedPosition>(settledHead, {})) ?? null;
  }

  /** The settled bound (an xid8 as text) and whether recorded rows lie above it. */
  async settling(): Promise<{ bound: string; unsettled: boolean }> {
    return (await this.statements.one<Record<string, never>, { bound: string; unsettled: boolean }>(settling, {}))!;
  }

  /** Deletes up to `limit` events older than `days` days; the number deleted. */
  purgeBatch(days: number, limit: number): Promise<number> {
    return this.statements.count(purgeBatch, { days, limit });
  }
}
