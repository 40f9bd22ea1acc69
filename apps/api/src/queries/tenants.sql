-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: tenants.linkUser
WITH previous AS (SELECT tenant_id FROM tenant_users WHERE user_id = $1)
  INSERT INTO tenant_users (user_id, tenant_id, user_created_at) SELECT id, $2, created_at FROM users WHERE id = $1
  ON CONFLICT (user_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, linked_at = now()
  RETURNING (SELECT tenant_id FROM previous) AS "previous";

-- name: tenants.lockLiveUser
SELECT 1 FROM users WHERE id = $1 AND deleting_at IS NULL FOR SHARE;

-- name: tenants.lockTenant
SELECT 1 FROM tenants WHERE tenant_id = $1 FOR KEY SHARE;
