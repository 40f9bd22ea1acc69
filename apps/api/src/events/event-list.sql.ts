import { ListPosition } from '../users/list-cursor';

/** The filters of GET /v1/events, already checked. `types`: exact types and area prefixes (`user.*`); `*` or none: all. */
export interface EventListFilters {
  types?: string[];
  userId?: string;
  actorId?: string;
  tenantId?: string;
  since?: string;
  until?: string;
}

export interface EventListQuery extends EventListFilters {
  /** The last row of the previous page, in the list order (occurred_at, event_id) descending. */
  before?: ListPosition;
  limit: number;
}

const COLUMNS = `event_id AS "eventId", tx_id::text AS "txId", seq::text AS "seq", type, occurred_at AS "occurredAt", actor_type AS "actorType",
  actor_id AS "actorId", request_id AS "requestId", user_id AS "userId", tenant_id AS "tenantId", data`;
/** The list order's position of a row, as UTC ISO text exact to the microsecond (whatever the session's DateStyle). */
const POSITION = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "position"`;

/** The filter conditions, with their parameters appended to `parameters`. */
export function eventFilterSql(filters: EventListFilters, parameters: unknown[]): string[] {
  const param = (value: unknown) => `$${parameters.push(value)}`;
  const where: string[] = [];
  const types = filters.types ?? [];
  if (types.length && !types.includes('*')) {
    const exact = types.filter((type) => !type.endsWith('.*'));
    const prefixes = types.filter((type) => type.endsWith('.*')).map((type) => `${type.slice(0, -1)}%`);
    const anyOf: string[] = [];
    // One exact type stays `type = $n`, so the (type, occurred_at, event_id) index serves it in order.
    if (exact.length === 1) anyOf.push(`type = ${param(exact[0])}`);
    else if (exact.length > 1) anyOf.push(`type = ANY(${param(exact)}::text[])`);
    for (const prefix of prefixes) anyOf.push(`type LIKE ${param(prefix)}`);
    where.push(anyOf.length === 1 ? anyOf[0] : `(${anyOf.join(' OR ')})`);
  }
  if (filters.userId !== undefined) where.push(`user_id = ${param(filters.userId)}`);
  if (filters.actorId !== undefined) where.push(`actor_id = ${param(filters.actorId)}`);
  if (filters.tenantId !== undefined) where.push(`tenant_id = ${param(filters.tenantId)}`);
  if (filters.since !== undefined) where.push(`occurred_at >= ${param(filters.since)}::timestamptz`);
  if (filters.until !== undefined) where.push(`occurred_at < ${param(filters.until)}::timestamptz`);
  return where;
}

/**
 * One newest-first page of the audit log plus one row that tells whether another follows. Each filter has an
 * index ending in the list order (see the events migration), so a page walks one index backwards.
 */
export function eventListSql(query: EventListQuery): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const where = eventFilterSql(query, parameters);
  const param = (value: unknown) => `$${parameters.push(value)}`;
  if (query.before) where.push(`(occurred_at, event_id) < (${param(query.before.createdAt)}::timestamptz, ${param(query.before.id)}::uuid)`);
  const sql = `SELECT ${COLUMNS}, ${POSITION} FROM events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY occurred_at DESC, event_id DESC LIMIT ${param(query.limit + 1)}`;
  return { sql, parameters };
}

/**
 * Settled events (below `bound`, from EventsRepository.settledBound) after a position, oldest first, among the next `window` positions only: a filter that
 * matches little never scans the whole outbox in one request. One row: the page as JSON, and the eventId to
 * poll after next (the page's last when it is full, else the last one looked at; null when there was none).
 */
export function eventsAfterSql(filters: EventListFilters, after: { txId: string; seq: string }, bound: string, window: number, limit: number): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const param = (value: unknown) => `$${parameters.push(value)}`;
  const scanned = `SELECT * FROM events
     WHERE (tx_id, seq) > (${param(after.txId)}::xid8, ${param(after.seq)}::bigint) AND tx_id < ${param(bound)}::xid8
     ORDER BY tx_id, seq LIMIT ${param(window)}`;
  const where = eventFilterSql(filters, parameters);
  const limitParam = param(limit);
  const page = `SELECT ${COLUMNS}, tx_id, seq AS "order" FROM scanned${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY tx_id, seq LIMIT ${limitParam}`;
  const sql = `WITH scanned AS MATERIALIZED (${scanned}), page AS MATERIALIZED (${page})
    SELECT coalesce((SELECT json_agg(page ORDER BY tx_id, "order") FROM page), '[]') AS "events",
           CASE WHEN (SELECT count(*) FROM page) = ${limitParam} THEN (SELECT "eventId" FROM page ORDER BY tx_id DESC, "order" DESC LIMIT 1)
                ELSE (SELECT event_id FROM scanned ORDER BY tx_id DESC, seq DESC LIMIT 1) END AS "next"`;
  return { sql, parameters };
}
