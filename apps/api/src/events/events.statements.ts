import { defineStatement, Params, sql } from '../database/sql';

/**
 * The outbox's statements (written to apps/api/src/queries/events.sql by the `sql` command).
 *
 * Followers read by position (tx_id, seq), and only below a settled bound: the id of the oldest transaction
 * still running in this database (or, with none, the next id to be handed out). Every transaction of this
 * database with a smaller id has ended, so every row it wrote is readable and no row can appear there later.
 * A row above the bound may still be joined by a smaller one from a transaction that commits late; it is
 * read once that transaction has ended.
 *
 * The bound is taken in its own statement, before the read (settledBound): the read's snapshot is then newer
 * than the moment each running transaction was looked at, so a transaction found ended is visible to it.
 * Only this database's transactions count (pg_stat_activity, pg_prepared_xacts): a long transaction in
 * another database of the server holds nothing back, as pg_snapshot_xmin would.
 */

/**
 * xids are 32 bits there: each is placed below the snapshot's xmax (a full xid8) by its distance from it.
 * Transactions that got their id at or after xmax are left out: their rows lie above the bound anyway.
 */
export const settledBound = defineStatement('events.settledBound', () => sql`
  WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS n),
  running AS (
    SELECT a.backend_xid::text::bigint AS x FROM pg_stat_activity a WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
    UNION ALL
    SELECT p.transaction::text::bigint FROM pg_prepared_xacts p WHERE p.database = current_database()
  )
  SELECT (s.n - coalesce(max(back.d) FILTER (WHERE back.d BETWEEN 1 AND 2147483647), 0))::text AS "bound"
    FROM s LEFT JOIN LATERAL (SELECT ((s.n % 4294967296) - r.x + 4294967296) % 4294967296 AS d FROM running r) back ON true
   GROUP BY s.n`);

export interface EventDraftParams {
  type: string;
  actorType: string;
  actorId: string;
  requestId: string | null;
  userId: string | null;
  tenantId: string | null;
  data: string;
}

/**
 * In the change's transaction (EventsRepository wakes the followers once it commits). An event about a user
 * without a tenant of its own is filed under the user's tenant, so `tenantId` finds it.
 */
export const insertEvent = defineStatement('events.insert', (p: Params<EventDraftParams>) => sql`
  INSERT INTO events (type, actor_type, actor_id, request_id, user_id, tenant_id, data)
  VALUES (${p.type}, ${p.actorType}, ${p.actorId}, ${p.requestId}, ${p.userId},
          coalesce(${p.tenantId}, (SELECT tu.tenant_id FROM users u JOIN tenant_users tu ON tu.user_id = u.id WHERE u.user_id = ${p.userId})),
          ${p.data}::jsonb)
  RETURNING event_id AS "eventId"`);

/**
 * Both reads by position order by `events.seq`, the bigint: a bare `seq` there is the text column of the same
 * name, and '100' < '97' would read a transaction's later rows first and skip its earlier ones for good.
 */
export const readAfter = defineStatement('events.readAfter', (p: Params<{ txId: string; seq: string; bound: string; limit: number }>) => sql`
  SELECT event_id AS "eventId", tx_id::text AS "txId", seq::text AS "seq", type, occurred_at AS "occurredAt", actor_type AS "actorType",
         actor_id AS "actorId", request_id AS "requestId", user_id AS "userId", tenant_id AS "tenantId", data
    FROM events
   WHERE (tx_id, seq) > (${p.txId}::xid8, ${p.seq}::bigint)
     AND tx_id < ${p.bound}::xid8
   ORDER BY events.tx_id, events.seq
   LIMIT ${p.limit}`);

export const positionOf = defineStatement('events.positionOf', (p: Params<{ eventId: string }>) => sql`
  SELECT tx_id::text AS "txId", seq::text AS "seq" FROM events WHERE event_id = ${p.eventId}`);

export const settledHead = defineStatement('events.settledHead', (p: Params<{ bound: string }>) => sql`
  SELECT tx_id::text AS "txId", seq::text AS "seq"
    FROM events
   WHERE tx_id < ${p.bound}::xid8
   ORDER BY events.tx_id DESC, events.seq DESC
   LIMIT 1`);

/** Whether rows at or above a settled bound wait for older transactions to end. */
export const unsettled = defineStatement('events.unsettled', (p: Params<{ bound: string }>) => sql`
  SELECT EXISTS (SELECT 1 FROM events WHERE tx_id >= ${p.bound}::xid8) AS "unsettled"`);

/** Events older than the retention, oldest first, a batch at a time; SKIP LOCKED keeps two purges off each other's rows. */
export const purgeBatch = defineStatement('events.purgeBatch', (p: Params<{ days: number; limit: number }>) => sql`
  DELETE FROM events WHERE event_id IN (
    SELECT event_id FROM events
     WHERE occurred_at < now() - make_interval(days => ${p.days})
     ORDER BY occurred_at
     LIMIT ${p.limit} FOR UPDATE SKIP LOCKED)`);
