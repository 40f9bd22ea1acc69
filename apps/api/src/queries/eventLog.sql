-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: eventLog.after (planned per call, not prepared)
WITH scanned AS MATERIALIZED (
  SELECT * FROM events
  WHERE (tx_id, seq) > ($1::xid8, $2::bigint) AND tx_id < $3::xid8
  ORDER BY tx_id, seq
  LIMIT $4
  ), page AS MATERIALIZED (
  SELECT event_id AS "eventId", tx_id::text AS "txId", seq::text AS "seq", type, occurred_at AS "occurredAt", actor_type AS "actorType",
  actor_id AS "actorId", request_id AS "requestId", user_id AS "userId", tenant_id AS "tenantId", data, tx_id, seq AS "order"
  FROM scanned
  WHERE ($5::text IS NULL OR type = $5)
  AND ($6::text[] IS NULL OR type = ANY($6))
  AND ($7::text IS NULL OR user_id = $7)
  AND ($8::text IS NULL OR actor_id = $8)
  AND ($9::text IS NULL OR tenant_id = $9)
  AND ($10::timestamptz IS NULL OR occurred_at >= $10)
  AND ($11::timestamptz IS NULL OR occurred_at < $11)
  ORDER BY scanned.tx_id, scanned.seq
  LIMIT $12
  )
  SELECT coalesce((SELECT json_agg(page ORDER BY tx_id, "order") FROM page), '[]') AS "events",
  CASE WHEN (SELECT count(*) FROM page) = $12 THEN (SELECT "eventId" FROM page ORDER BY tx_id DESC, "order" DESC LIMIT 1)
  ELSE (SELECT event_id FROM scanned ORDER BY tx_id DESC, seq DESC LIMIT 1) END AS "next";

-- name: eventLog.page (planned per call, not prepared)
SELECT event_id AS "eventId", tx_id::text AS "txId", seq::text AS "seq", type, occurred_at AS "occurredAt", actor_type AS "actorType",
  actor_id AS "actorId", request_id AS "requestId", user_id AS "userId", tenant_id AS "tenantId", data,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "position"
  FROM events
  WHERE ($1::text IS NULL OR type = $1)
  AND ($2::text[] IS NULL OR type = ANY($2))
  AND ($3::text IS NULL OR user_id = $3)
  AND ($4::text IS NULL OR actor_id = $4)
  AND ($5::text IS NULL OR tenant_id = $5)
  AND ($6::timestamptz IS NULL OR occurred_at >= $6)
  AND ($7::timestamptz IS NULL OR occurred_at < $7)
  AND ($8::timestamptz IS NULL OR (occurred_at, event_id) < ($8, $9::uuid))
  ORDER BY occurred_at DESC, event_id DESC
  LIMIT $10;
