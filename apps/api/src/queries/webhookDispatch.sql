-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: webhookDispatch.advance
UPDATE webhook_dispatch_position SET position = $1::jsonb, updated_at = now() WHERE name = $2;

-- name: webhookDispatch.read
SELECT position FROM webhook_dispatch_position WHERE name = $1;

-- name: webhookDispatch.start
INSERT INTO webhook_dispatch_position (name, position) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO NOTHING;

-- name: webhookDispatch.tryLock
SELECT pg_try_advisory_xact_lock($1) AS locked;
