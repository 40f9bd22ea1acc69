-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: webhookDeliveries.claim
WITH hooks AS (
  SELECT w.webhook_id, w.url, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
  $1::int - (SELECT count(*)::int FROM webhook_deliveries l WHERE l.webhook_id = w.webhook_id AND l.leased_until > now()) AS room
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

-- name: webhookDeliveries.finish
WITH delivery AS (
  UPDATE webhook_deliveries SET status = $1, next_attempt_at = $2, leased_until = NULL
  WHERE delivery_id = $3 AND attempts = $4
  ), attempt AS (
  INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, duration_ms, response_status, error, response_body)
  VALUES ($3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT DO NOTHING
  ), clock AS (
  UPDATE webhooks SET failing_since = CASE WHEN $1 = 'delivered' THEN NULL ELSE coalesce(failing_since, $5) END
  WHERE webhook_id = $10 AND (failing_since IS NULL) <> ($1 = 'delivered')
  RETURNING failing_since
  )
  SELECT CASE WHEN $1 = 'delivered' THEN NULL
  ELSE coalesce((SELECT failing_since FROM clock), (SELECT failing_since FROM webhooks WHERE webhook_id = $10)) END AS failing_since,
  least($5, (SELECT min(attempted_at) FROM webhook_delivery_attempts WHERE delivery_id = $3)) AS first_attempt_at,
  $1 = 'delivered' AND EXISTS (SELECT 1 FROM clock) AS recovered;

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
