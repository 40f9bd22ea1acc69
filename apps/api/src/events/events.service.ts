import { Injectable } from '@nestjs/common';
import { EventCollection, Link, ListEventsQuery } from '@roster/dto';
import { AppConfig } from '../config/app-config';
import { deriveKey } from '../crypto/secret-box';
import { AppError, ErrorCode } from '../errors/app-error';
import { ListCursorCodec } from '../users/list-cursor';
import { EventListFilters } from './event-log.statements';
import { EventLogRepository } from './event-log.repository';
import { toEventDto } from './event-row';
import { EventsRepository } from './events.repository';

const DEFAULT_LIMIT = 100;
/** Positions one `after` request looks through for matches of its filters. */
const AFTER_WINDOW = 5000;

/** The audit log (newest first, filtered, keyset pages) and the polling feed (`after`, oldest first). */
@Injectable()
export class EventsService {
  private readonly cursors: ListCursorCodec;

  constructor(
    private readonly log: EventLogRepository,
    private readonly events: EventsRepository,
    private readonly config: AppConfig,
  ) {
    this.cursors = new ListCursorCodec(deriveKey(config.secretKey, 'cursor'));
  }

  async list(query: ListEventsQuery): Promise<EventCollection> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const filters: EventListFilters = { types: query.type?.length ? [...new Set(query.type)].sort() : undefined, userId: query.userId, actorId: query.actorId, tenantId: query.tenantId, since: query.since, until: query.until };
    if (query.since && query.until && Date.parse(query.since) >= Date.parse(query.until)) throw new AppError(ErrorCode.BadRequest, 'since must be before until.');
    if (query.after !== undefined) return this.after(query.after, filters, limit, query);
    const scope = `events:${JSON.stringify(filters)}`;
    const before = query.cursor ? this.cursors.decode(query.cursor, scope) : undefined;
    const page = await this.log.listPage({ ...filters, before, limit });
    const next = page.next && this.cursors.encode(page.next, scope);
    const link = (cursor?: string) => this.link(query, limit, { cursor });
    return {
      events: page.rows.map(toEventDto),
      pagination: next ? { next: { cursor: next } } : {},
      links: next ? { self: link(query.cursor), next: link(next) } : { self: link(query.cursor) },
    };
  }

  /** Oldest first after the event; `links.next` always says where to poll from next (the same place when nothing is new). */
  private async after(eventId: string, filters: EventListFilters, limit: number, query: ListEventsQuery): Promise<EventCollection> {
    if (query.cursor !== undefined || filters.since !== undefined || filters.until !== undefined) throw new AppError(ErrorCode.BadRequest, 'after cannot be combined with cursor, since or until.');
    const position = await this.events.positionOf(eventId);
    if (!position) throw new AppError(ErrorCode.NotFound, 'No event has this eventId (never recorded, or purged after EVENTS_RETENTION_DAYS): start again from a newer one.');
    const bound = await this.events.settledBound();
    const page = await this.log.readAfterMatching(filters, position, bound, Math.max(AFTER_WINDOW, limit), limit);
    return {
      events: page.rows.map(toEventDto),
      pagination: {},
      links: { self: this.link(query, limit, { after: eventId }), next: this.link(query, limit, { after: page.next ?? eventId }) },
    };
  }

  /** Absolute, from PUBLIC_URL only (never a request's Host), keeping the query's limit and filters. */
  private link(query: ListEventsQuery, limit: number, position: { cursor?: string; after?: string }): Link {
    const search = new URLSearchParams();
    search.set('limit', String(limit));
    if (query.type?.length) search.set('type', query.type.join(','));
    for (const key of ['userId', 'actorId', 'tenantId', 'since', 'until'] as const) if (query[key] !== undefined) search.set(key, query[key]!);
    if (position.cursor !== undefined) search.set('cursor', position.cursor);
    if (position.after !== undefined) search.set('after', position.after);
    return { href: `${this.config.http.publicUrl}/v1/events?${search}` };
  }
}
