import { EVENT_TYPES } from '@roster/dto';
import { defineStatement, Params, sql } from '../database/sql';
import { ListPosition } from '../users/list-cursor';
import { FeedPosition } from './event-row';

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

/**
 * The values a filter binds; null for a filter not given. Both statements are planned per call, so PostgreSQL
 * sees each value when it plans: `NULL IS NULL OR …` folds to true and vanishes, `'x' IS NULL OR col = 'x'` to
 * `col = 'x'`. Each call is planned as if its text held only the filters given (the plan the statement text
 * built per request used to get), from one fixed text.
 */
interface FilterParams {
  /** The one type asked for: `type = $n` walks the (type, occurred_at, event_id) index in list order. */
  type: string | null;
  /**
   * Several types: `= ANY` finds them in the type index but not in list order (PostgreSQL 15 does not read
   * an index in order for an array), so the planner weighs that against walking the list order and skipping.
   */
  types: string[] | null;
  userId: string | null;
  actorId: string | null;
  tenantId: string | null;
  since: string | null;
  until: string | null;
}

export interface EventListParams extends FilterParams {
  beforeAt: string | null;
  beforeId: string | null;
  /** Rows to return: the page and one more, which says that another page follows. */
  limit: number;
}

export interface EventsAfterParams extends FilterParams {
  txId: string;
  seq: string;
  bound: string;
  window: number;
  limit: number;
}

const columns = sql`event_id AS "eventId", tx_id::text AS "txId", seq::text AS "seq", type, occurred_at AS "occurredAt", actor_type AS "actorType",
       actor_id AS "actorId", request_id AS "requestId", user_id AS "userId", tenant_id AS "tenantId", data`;

const filtered = (p: Params<FilterParams>) => sql`(${p.type}::text IS NULL OR type = ${p.type})
     AND (${p.types}::text[] IS NULL OR type = ANY(${p.types}))
     AND (${p.userId}::text IS NULL OR user_id = ${p.userId})
     AND (${p.actorId}::text IS NULL OR actor_id = ${p.actorId})
     AND (${p.tenantId}::text IS NULL OR tenant_id = ${p.tenantId})
     AND (${p.since}::timestamptz IS NULL OR occurred_at >= ${p.since})
     AND (${p.until}::timestamptz IS NULL OR occurred_at < ${p.until})`;

/**
 * One newest-first page of the audit log plus one row that tells whether another follows. Each filter has an
 * index ending in the list order (see the events migration), so a page walks one index backwards; `position`
 * is the row's place in that order as UTC ISO text exact to the microsecond (whatever the session's DateStyle).
 */
export const eventListPage = defineStatement('eventLog.page', (p: Params<EventListParams>) => sql`
  SELECT ${columns},
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "position"
    FROM events
   WHERE ${filtered(p)}
     AND (${p.beforeAt}::timestamptz IS NULL OR (occurred_at, event_id) < (${p.beforeAt}, ${p.beforeId}::uuid))
   ORDER BY occurred_at DESC, event_id DESC
   LIMIT ${p.limit}`,
  // Planned for each call's values: a generic plan would keep every filter (and walk one index for all of them).
  { planPerCall: true });

/**
 * Settled events (below `bound`, from EventsRepository.settledBound) after a position, oldest first, among the
 * next `window` positions only: a filter that matches little never scans the whole outbox in one request. One
 * row: the page as JSON, and the eventId to poll after next (the page's last when it is full, else the last
 * one looked at; null when there was none). The page orders by `scanned.seq`: a bare `seq` there is the
 * text column of the same name, and '100' < '97' took a transaction's later rows into a full page and
 * skipped its earlier ones for good (`next` lay past them).
 */
export const eventsAfter = defineStatement('eventLog.after', (p: Params<EventsAfterParams>) => sql`
  WITH scanned AS MATERIALIZED (
    SELECT * FROM events
     WHERE (tx_id, seq) > (${p.txId}::xid8, ${p.seq}::bigint) AND tx_id < ${p.bound}::xid8
     ORDER BY tx_id, seq
     LIMIT ${p.window}
  ), page AS MATERIALIZED (
    SELECT ${columns}, tx_id, seq AS "order"
      FROM scanned
     WHERE ${filtered(p)}
     ORDER BY scanned.tx_id, scanned.seq
     LIMIT ${p.limit}
  )
  SELECT coalesce((SELECT json_agg(page ORDER BY tx_id, "order") FROM page), '[]') AS "events",
         CASE WHEN (SELECT count(*) FROM page) = ${p.limit} THEN (SELECT "eventId" FROM page ORDER BY tx_id DESC, "order" DESC LIMIT 1)
              ELSE (SELECT event_id FROM scanned ORDER BY tx_id DESC, seq DESC LIMIT 1) END AS "next"`,
  // As the page: a window's scan and filters planned for this call's values.
  { planPerCall: true });

/**
 * The types a filter list names, each area prefix (`user.*`) spelled out as the known types of its area; null
 * when it names all (none given, or `*`). Spelled out, a prefix is found in the type index like named types
 * (`webhook.*` among 1.5M events: 4 ms instead of 22-55 ms walking the list order past every other type).
 */
export function typesNamed(filters: string[] | undefined): string[] | null {
  if (!filters?.length || filters.includes('*')) return null;
  const named = new Set<string>();
  for (const filter of filters) {
    if (!filter.endsWith('.*')) named.add(filter);
    else for (const type of EVENT_TYPES) if (type.startsWith(filter.slice(0, -1))) named.add(type);
  }
  return [...named].sort();
}

function filterParams(filters: EventListFilters): FilterParams {
  const types = typesNamed(filters.types);
  return {
    type: types?.length === 1 ? types[0] : null,
    types: types && types.length !== 1 ? types : null,
    userId: filters.userId ?? null,
    actorId: filters.actorId ?? null,
    tenantId: filters.tenantId ?? null,
    since: filters.since ?? null,
    until: filters.until ?? null,
  };
}

/** The values for one page of `query`: the page and one more row. */
export function eventListParams(query: EventListQuery): EventListParams {
  return { ...filterParams(query), beforeAt: query.before?.createdAt ?? null, beforeId: query.before?.id ?? null, limit: query.limit + 1 };
}

export function eventsAfterParams(filters: EventListFilters, after: FeedPosition, bound: string, window: number, limit: number): EventsAfterParams {
  return { ...filterParams(filters), txId: after.txId, seq: after.seq, bound, window, limit };
}
