-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: webhookDeliveries.claim
WITH hooks AS (
  SELECT w.webhook_id, w.url, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
  (CASE WHEN w.failing_since IS NULL THEN $1::int ELSE 1 END) - (SELECT count(*)::int FROM webhook_deliveries l WHERE l.webhook_id = w.webhook_id AND l.leased_until > now()) AS room
  FROM webhooks w
  WHERE w.disabled_at IS NULL
  AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.webhook_id = w.webhook_id AND d.status = 'pending' AND d.next_attempt_at <= now())
  FOR NO KEY UPDATE OF w SKIP LOCKED
  ), picked AS (
  SELECT due.delivery_id, hooks.* FROM hooks CROSS JOIN LATERAL (
  SELECT d.delivery_id FROM webhook_deliveries d
  WHERE d.webhook_id = hooks.webhook_id AND d.status = 'pending' AND d.next_attempt_at <= now()
  ORDER BY d.next_attempt_at LIMIT greatest(hooks.room, 0)
  FOR UPDATE SKIP LOCKED) due
  LIMIT $2
  )
  UPDATE webhook_deliveries d
  SET attempts = d.attempts + 1, leased_until = now() + $3 * interval '1 millisecond', next_attempt_at = now() + $3 * interval '1 millisecond'
  FROM picked WHERE d.delivery_id = picked.delivery_id
  RETURNING d.delivery_id, d.webhook_id, d.event_id, d.payload, d.attempts, d.retrying_since,
  picked.url, picked.secret_sealed, picked.previous_secret_sealed, picked.previous_secret_expires_at;

-- name: webhookDeliveries.exists
SELECT 1 FROM webhook_deliveries WHERE webhook_id = $1 AND delivery_id = $2;

-- name: webhookDeliveries.failPending
UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE webhook_id = $1 AND status = 'pending';

-- name: webhookDeliveries.finishMany
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::int[],
  $6::int[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
  AS t(delivery_id, webhook_id, attempt, attempted_at, duration_ms, response_status, error, response_body, status, next_attempt_at)
  ), delivery AS (
  UPDATE webhook_deliveries d SET status = i.status, next_attempt_at = i.next_attempt_at, leased_until = NULL
  FROM input i WHERE d.delivery_id = i.delivery_id AND d.attempts = i.attempt
  RETURNING d.delivery_id
  ), attempt AS (
  INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, duration_ms, response_status, error, response_body)
  SELECT delivery_id, attempt, attempted_at, duration_ms, response_status, error, response_body FROM input
  ON CONFLICT DO NOTHING
  ), latest AS (
  SELECT DISTINCT ON (webhook_id) webhook_id, status = 'delivered' AS ok FROM input ORDER BY webhook_id, attempted_at DESC
  ), first_failure AS (
  SELECT webhook_id, min(attempted_at) AS at FROM input WHERE status <> 'delivered' GROUP BY webhook_id
  ), clock AS (
  UPDATE webhooks w SET failing_since = CASE WHEN l.ok THEN NULL ELSE coalesce(w.failing_since, f.at) END
  FROM latest l LEFT JOIN first_failure f USING (webhook_id)
  WHERE w.webhook_id = l.webhook_id AND (w.failing_since IS NULL) = (NOT l.ok)
  RETURNING w.webhook_id, w.failing_since
  ), hooks AS (
  SELECT w.webhook_id, w.url, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
  $11::int - (SELECT count(*)::int FROM webhook_deliveries l WHERE l.webhook_id = w.webhook_id AND l.leased_until > now()
  AND l.delivery_id NOT IN (SELECT delivery_id FROM delivery)) AS room
  FROM webhooks w
  WHERE $12::int > 0 AND w.disabled_at IS NULL AND w.failing_since IS NULL
  AND w.webhook_id IN (SELECT webhook_id FROM latest WHERE ok)
  FOR NO KEY UPDATE OF w SKIP LOCKED
  ), picked AS (
  SELECT due.delivery_id, hooks.* FROM hooks CROSS JOIN LATERAL (
  SELECT d.delivery_id FROM webhook_deliveries d
  WHERE d.webhook_id = hooks.webhook_id AND d.status = 'pending' AND d.next_attempt_at <= now()
  AND d.delivery_id NOT IN (SELECT delivery_id FROM input)
  ORDER BY d.next_attempt_at LIMIT greatest(hooks.room, 0)
  FOR UPDATE SKIP LOCKED) due
  LIMIT greatest($12::int, 0)
  ), claimed AS (
  UPDATE webhook_deliveries d
  SET attempts = d.attempts + 1, leased_until = now() + $13 * interval '1 millisecond', next_attempt_at = now() + $13 * interval '1 millisecond'
  FROM picked WHERE d.delivery_id = picked.delivery_id
  RETURNING d.delivery_id, d.webhook_id, d.event_id, d.payload, d.attempts, d.retrying_since,
  picked.url, picked.secret_sealed, picked.previous_secret_sealed, picked.previous_secret_expires_at
  )
  SELECT false AS claimed, i.delivery_id, i.webhook_id,
  CASE WHEN l.ok THEN NULL ELSE coalesce(c.failing_since, w.failing_since) END AS failing_since,
  least(i.attempted_at, (SELECT min(a.attempted_at) FROM webhook_delivery_attempts a WHERE a.delivery_id = i.delivery_id)) AS first_attempt_at,
  l.ok AND c.webhook_id IS NOT NULL AS recovered,
  NULL::uuid AS event_id, NULL::text AS payload, NULL::int AS attempts, NULL::timestamptz AS retrying_since,
  NULL::text AS url, NULL::text AS secret_sealed, NULL::text AS previous_secret_sealed, NULL::timestamptz AS previous_secret_expires_at
  FROM input i JOIN latest l USING (webhook_id) JOIN webhooks w USING (webhook_id) LEFT JOIN clock c USING (webhook_id)
  UNION ALL
  SELECT true, delivery_id, webhook_id, NULL, NULL, NULL, event_id, payload, attempts, retrying_since,
  url, secret_sealed, previous_secret_sealed, previous_secret_expires_at
  FROM claimed;

-- name: webhookDeliveries.insertMany
INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, payload)
  SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[])
  ON CONFLICT (webhook_id, event_id) DO NOTHING;

-- name: webhookDeliveries.page
SELECT d.delivery_id, d.event_id, d.event_type, d.status, d.next_attempt_at, d.created_at,
  to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'attempted_at', a.attempted_at, 'duration_ms', a.duration_ms,
  'response_status', a.response_status, 'error', a.error, 'response_body', a.response_body) ORDER BY a.attempt)
  FROM webhook_delivery_attempts a WHERE a.delivery_id = d.delivery_id), '[]') AS attempts
  FROM webhook_deliveries d
  WHERE d.webhook_id = $1
  AND (d.created_at, d.delivery_id) < (coalesce($2::timestamptz, 'infinity'), coalesce($3::uuid, 'ffffffff-ffff-ffff-ffff-ffffffffffff'))
  ORDER BY d.created_at DESC, d.delivery_id DESC LIMIT $4;

-- name: webhookDeliveries.releaseBacklog
UPDATE webhook_deliveries SET next_attempt_at = now()
  WHERE webhook_id = $1 AND status = 'pending' AND next_attempt_at > now() AND leased_until IS NULL;

-- name: webhookDeliveries.retry
UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), retrying_since = now()
  WHERE webhook_id = $1 AND delivery_id = $2 AND (leased_until IS NULL OR leased_until < now());
