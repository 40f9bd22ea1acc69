import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ListPosition } from '../users/list-cursor';
import { EventListFilters, EventListQuery, eventListSql, eventsAfterSql } from './event-list.sql';
import { EventRow, FeedPosition } from './event-row';

type ListedRow = EventRow & { position: string };

/** The audit log's filtered reads: their SQL depends on the filters given, so it is built per query (event-list.sql.ts). */
@Injectable()
export class EventLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A newest-first page, and the position of its last row when another page follows. */
  async listPage(query: EventListQuery): Promise<{ rows: EventRow[]; next?: ListPosition }> {
    const { sql, parameters } = eventListSql(query);
    const rows: ListedRow[] = await this.dataSource.query(sql, parameters);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { rows: page, next: rows.length > query.limit ? { createdAt: last.position, id: last.eventId } : undefined };
  }

  /** Settled events after `after` that match, oldest first, looking at most `window` positions ahead; and the eventId to continue after. */
  async readAfterMatching(filters: EventListFilters, after: FeedPosition, bound: string, window: number, limit: number): Promise<{ rows: EventRow[]; next: string | null }> {
    const { sql, parameters } = eventsAfterSql(filters, after, bound, window, limit);
    const [result] = (await this.dataSource.query(sql, parameters)) as Array<{ events: Array<EventRow & { occurredAt: string }>; next: string | null }>;
    return { rows: result.events.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) })), next: result.next };
  }
}
