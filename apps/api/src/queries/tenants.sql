-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: tenants.linkUser
INSERT INTO tenant_users (user_id, tenant_id) VALUES ($1, $2)
  ON CONFLICT (user_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, linked_at = now();

-- name: tenants.lockLiveUser
SELECT 1 FROM users WHERE id = $1 AND deleting_at IS NULL FOR SHARE;

-- name: tenants.lockTenant
SELECT 1 FROM tenants WHERE tenant_id = $1 FOR KEY SHARE;
