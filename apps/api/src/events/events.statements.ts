import { defineStatement, Params, sql } from '../database/sql';

/**
 * The outbox's statements (written to apps/api/src/queries/events.sql by the `sql` command).
 *
 * Followers read by position (tx_id, seq) and only below `pg_snapshot_xmin(pg_current_snapshot())`: every
 * transaction with a smaller id has ended, so every row it wrote is visible now and no row can appear there
 * later. A row above it may still be joined by a smaller one from a transaction that commits late; it is read
 * once that transaction has ended. The bound is computed once per statement (a sub-select), so it is an index
 * condition and not a per-row call.
 */

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
 * In the change's transaction; the NOTIFY is delivered when it commits (and never if it rolls back). An event
 * about a user without a tenant of its own is filed under the user's tenant, so `tenantId` finds it.
 */
export const insertEvent = defineStatement('events.insert', (p: Params<EventDraftParams>) => sql`
  INSERT INTO events (type, actor_type, actor_id, request_id, user_id, tenant_id, data)
  VALUES (${p.type}, ${p.actorType}, ${p.actorId}, ${p.requestId}, ${p.userId},
          coalesce(${p.tenantId}, (SELECT tu.tenant_id FROM users u JOIN tenant_users tu ON tu.user_id = u.id WHERE u.user_id = ${p.userId})),
          ${p.data}::jsonb)
  RETURNING event_id AS "eventId", pg_notify('roster_events', '')`);

export const readAfter = defineStatement('events.readAfter', (p: Params<{ txId: string; seq: string; limit: number }>) => sql`
  SELECT event_id AS "eventId", tx_id::text AS "txId", seq::text AS "seq", type, occurred_at AS "occurredAt", actor_type AS "actorType",
         actor_id AS "actorId", request_id AS "requestId", user_id AS "userId", tenant_id AS "tenantId", data
    FROM events
   WHERE (tx_id, seq) > (${p.txId}::xid8, ${p.seq}::bigint)
     AND tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
   ORDER BY tx_id, seq
   LIMIT ${p.limit}`);

export const positionOf = defineStatement('events.positionOf', (p: Params<{ eventId: string }>) => sql`
  SELECT tx_id::text AS "txId", seq::text AS "seq" FROM events WHERE event_id = ${p.eventId}`);

export const settledHead = defineStatement('events.settledHead', () => sql`
  SELECT tx_id::text AS "txId", seq::text AS "seq"
    FROM events
   WHERE tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
   ORDER BY tx_id DESC, seq DESC
   LIMIT 1`);

/** The settled bound now, and whether rows above it wait for older transactions to end. */
export const settling = defineStatement('events.settling', () => sql`
  SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS "bound",
         EXISTS (SELECT 1 FROM events WHERE tx_id >= (SELECT pg_snapshot_xmin(pg_current_snapshot()))) AS "unsettled"`);

/** Events older than the retention, oldest first, a batch at a time; SKIP LOCKED keeps two purges off each other's rows. */
export const purgeBatch = defineStatement('events.purgeBatch', (p: Params<{ days: number; limit: number }>) => sql`
  DELETE FROM events WHERE event_id IN (
    SELECT event_id FROM events
     WHERE occurred_at < now() - make_interval(days => ${p.days})
     ORDER BY occurred_at
     LIMIT ${p.limit} FOR UPDATE SKIP LOCKED)`);
