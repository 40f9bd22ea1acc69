-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: webhooks.disable
UPDATE webhooks SET disabled_at = now(), disabled_reason = $1, updated_at = now()
  WHERE webhook_id = $2 AND disabled_at IS NULL;

-- name: webhooks.find
SELECT *, '' AS position FROM webhooks WHERE webhook_id = $1;

-- name: webhooks.findForUpdate
SELECT *, '' AS position FROM webhooks WHERE webhook_id = $1 FOR UPDATE;

-- name: webhooks.insert
INSERT INTO webhooks (webhook_id, url, description, event_types, exclude_actor_client_ids, secret_sealed)
  VALUES ($1, $2, $3, $4, $5, $6);

-- name: webhooks.page
SELECT *, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position FROM webhooks
  WHERE (created_at, webhook_id) > (coalesce($1::timestamptz, '-infinity'), coalesce($2::text, ''))
  ORDER BY created_at, webhook_id LIMIT $3;

-- name: webhooks.remove
DELETE FROM webhooks WHERE webhook_id = $1;

-- name: webhooks.setSecrets
UPDATE webhooks SET secret_sealed = $1, previous_secret_sealed = $2,
  previous_secret_expires_at = $3, updated_at = now()
  WHERE webhook_id = $4;

-- name: webhooks.subscribers
SELECT webhook_id, event_types, exclude_actor_client_ids, created_at FROM webhooks WHERE disabled_at IS NULL;

-- name: webhooks.update
UPDATE webhooks SET url = $1, description = $2, event_types = $3, exclude_actor_client_ids = $4,
  disabled_at = $5, disabled_reason = $6, failing_since = $7, updated_at = now()
  WHERE webhook_id = $8;
