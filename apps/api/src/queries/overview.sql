-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: overview.countClients
SELECT count(*)::bigint AS n FROM (SELECT 1 FROM service_clients WHERE deleted_at IS NULL LIMIT 100001) capped;

-- name: overview.countFailingWebhooks
SELECT count(*)::bigint AS n FROM (SELECT 1 FROM webhooks WHERE disabled_at IS NOT NULL OR failing_since IS NOT NULL LIMIT 100001) capped;

-- name: overview.countSignIns
SELECT count(*)::bigint AS n FROM (SELECT 1 FROM events WHERE type = 'user.signed_in' AND occurred_at > now() - interval '24 hours' LIMIT 100001) capped;

-- name: overview.countTenants
SELECT count(*)::bigint AS n FROM (SELECT 1 FROM tenants LIMIT 100001) capped;

-- name: overview.countUsers
SELECT count(*)::bigint AS n FROM (SELECT 1 FROM users WHERE deleting_at IS NULL LIMIT 100001) capped;

-- name: overview.userEstimate
SELECT greatest(reltuples, 0)::bigint AS estimate, reltuples < 0 AS unknown FROM pg_class WHERE oid = 'users'::regclass;
