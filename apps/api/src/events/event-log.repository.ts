import { Injectable } from '@nestjs/common';
import { StatementRunner } from '../database/statement-runner';
import { ListPosition } from '../users/list-cursor';
import { EventListFilters, EventListParams, EventListQuery, eventListPage, eventListParams, eventsAfter, EventsAfterParams, eventsAfterParams } from './event-log.statements';
import { EventRow, FeedPosition } from './event-row';

type ListedRow = EventRow & { position: string };

/** The audit log's filtered reads (event-log.statements.ts). */
@Injectable()
export class EventLogRepository {
  constructor(private readonly statements: StatementRunner) {}

  /** A newest-first page, and the position of its last row when another page follows. */
  async listPage(query: EventListQuery): Promise<{ rows: EventRow[]; next?: ListPosition }> {
    const rows = await this.statements.rows<EventListParams, ListedRow>(eventListPage, eventListParams(query));
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { rows: page, next: rows.length > query.limit ? { createdAt: last.position, id: last.eventId } : undefined };
  }

  /** Settled events after `after` that match, oldest first, looking at most `window` positions ahead; and the eventId to continue after. */
  async readAfterMatching(filters: EventListFilters, after: FeedPosition, bound: string, window: number, limit: number): Promise<{ rows: EventRow[]; next: string | null }> {
    const result = await this.statements.one<EventsAfterParams, { events: Array<EventRow & { occurredAt: string }>; next: string | null }>(
      eventsAfter,
      eventsAfterParams(filters, after, bound, window, limit),
    );
    return { rows: result!.events.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) })), next: result!.next };
  }
}
