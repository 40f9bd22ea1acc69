-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: clients.addKeyIfAbsent
INSERT INTO service_client_keys (client_id, key_id, public_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;

-- name: clients.lockBootstrap
SELECT pg_advisory_xact_lock($1);
