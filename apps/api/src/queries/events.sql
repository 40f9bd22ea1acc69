-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: events.insert
INSERT INTO events (type, actor_type, actor_id, request_id, user_id, tenant_id, data)
  VALUES ($1, $2, $3, $4, $5,
  coalesce($6, (SELECT tu.tenant_id FROM users u JOIN tenant_users tu ON tu.user_id = u.id WHERE u.user_id = $5)),
  $7::jsonb)
  RETURNING event_id AS "eventId";

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
  AND tx_id < $3::xid8
  ORDER BY events.tx_id, events.seq
  LIMIT $4;

-- name: events.settledBound
WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS n),
  running AS (
  SELECT a.backend_xid::text::bigint AS x FROM pg_stat_activity a WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
  UNION ALL
  SELECT p.transaction::text::bigint FROM pg_prepared_xacts p WHERE p.database = current_database()
  )
  SELECT (s.n - coalesce(max(back.d) FILTER (WHERE back.d BETWEEN 1 AND 2147483647), 0))::text AS "bound"
  FROM s LEFT JOIN LATERAL (SELECT ((s.n % 4294967296) - r.x + 4294967296) % 4294967296 AS d FROM running r) back ON true
  GROUP BY s.n;

-- name: events.settledHead
SELECT tx_id::text AS "txId", seq::text AS "seq"
  FROM events
  WHERE tx_id < $1::xid8
  ORDER BY events.tx_id DESC, events.seq DESC
  LIMIT 1;

-- name: events.unsettled
SELECT EXISTS (SELECT 1 FROM events WHERE tx_id >= $1::xid8) AS "unsettled";
