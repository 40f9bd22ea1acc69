-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: userDeletion.deleteIdentities
DELETE FROM identities WHERE id IN (SELECT id FROM identities WHERE user_id = $1 LIMIT $2);

-- name: userDeletion.deleteSessions
DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE user_id = $1 LIMIT $2);

-- name: userDeletion.deleteTenantLink
DELETE FROM tenant_users WHERE user_id = $1;

-- name: userDeletion.deleteUser
DELETE FROM users WHERE id = $1 AND deleting_at IS NOT NULL;

-- name: userDeletion.isMarked
SELECT 1 FROM users WHERE id = $1 AND deleting_at IS NOT NULL;

-- name: userDeletion.lockMarked
SELECT user_id AS "publicUserId" FROM users WHERE id = $1 AND deleting_at IS NOT NULL FOR UPDATE;

-- name: userDeletion.markedAfter
SELECT id FROM users WHERE deleting_at IS NOT NULL AND id > $1 ORDER BY id LIMIT $2;
