-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: events.insert
INSERT INTO events (type, actor_type, actor_id, request_id, user_id, tenant_id, data)
  VALUES ($1, $2, $3, $4, $5,
  coalesce($6, (SELECT tu.tenant_id FROM users u JOIN tenant_users tu ON tu.user_id = u.id WHERE u.user_id = $5)),
  $7::jsonb)
  RETURNING event_id AS "eventId", pg_notify('roster_events', '');

-- name: events.positionOf
SELECT tx_id::text AS "txId", seq::text AS "seq" FROM events WHERE event_id = $1;

-- name: events.purgeBatch
DELETE FROM events WHERE event_id IN (
  SELECT event_id FROM events
  WHERE occurred_at < now() - make_interval(days => $1)
  ORDER BY occurred_at
  LIMIT $2 FOR UPDATE SKIP LOCKED);

-- name: events.readAfter
SELECT event_id AS "eventId", tx_id::text AS "txId", seq::text AS "seq", type, occurred_at AS "occurredAt", actor_type AS "actorType",
  actor_id AS "actorId", request_id AS "requestId", user_id AS "userId", tenant_id AS "tenantId", data
  FROM events
  WHERE (tx_id, seq) > ($1::xid8, $2::bigint)
  AND tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
  ORDER BY tx_id, seq
  LIMIT $3;

-- name: events.settledHead
SELECT tx_id::text AS "txId", seq::text AS "seq"
  FROM events
  WHERE tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
  ORDER BY tx_id DESC, seq DESC
  LIMIT 1;

-- name: events.settling
SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS "bound",
  EXISTS (SELECT 1 FROM events WHERE tx_id >= (SELECT pg_snapshot_xmin(pg_current_snapshot()))) AS "unsettled";
