-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: consoleSessions.end
UPDATE console_sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL;

-- name: consoleSessions.insert
INSERT INTO console_sessions (method, operator, permissions, expires_at)
  VALUES ($1, $2, $3, now() + make_interval(secs => $4))
  RETURNING id, floor(extract(epoch FROM expires_at))::bigint AS "expiresAt";

-- name: consoleSessions.insertCode
INSERT INTO console_sign_in_codes (code_hash, expires_at) VALUES ($1, now() + make_interval(secs => $2));

-- name: consoleSessions.state
SELECT operator, permissions, floor(extract(epoch FROM expires_at))::bigint AS "expiresAt", ended_at IS NOT NULL AS ended
  FROM console_sessions WHERE id = $1;

-- name: consoleSessions.useCode
UPDATE console_sign_in_codes SET used_at = now()
  WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
  RETURNING code_hash;
