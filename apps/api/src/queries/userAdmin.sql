-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: userAdmin.deletionById
SELECT deleting_at AS "deletingAt" FROM users WHERE id = $1::uuid;

-- name: userAdmin.deletionByUserId
SELECT deleting_at AS "deletingAt" FROM users WHERE user_id = $1;

-- name: userAdmin.endSession
UPDATE sessions SET ended_at = now() WHERE id = $1::uuid AND user_id = $2 AND ended_at IS NULL RETURNING id;

-- name: userAdmin.endSessions
UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL RETURNING id;

-- name: userAdmin.openSessions
SELECT id, issuer, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"
  FROM sessions WHERE user_id = $1 AND ended_at IS NULL
  ORDER BY created_at DESC LIMIT 100;
