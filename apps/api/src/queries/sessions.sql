-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: sessions.end
UPDATE sessions SET ended_at = now(), expires_at = greatest(expires_at, $1) WHERE id = $2;

-- name: sessions.endAll
UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL;

-- name: sessions.findOpenBySid
SELECT id FROM sessions
  WHERE user_id = $1 AND ended_at IS NULL AND issuer = $2 AND sid = $3
  LIMIT 1;

-- name: sessions.findOpenByTokens
SELECT id FROM sessions
  WHERE user_id = $1 AND ended_at IS NULL AND issuer = $2 AND sid IS NULL AND token_hashes && $3::text[]
  LIMIT 1;

-- name: sessions.lockKey
SELECT pg_advisory_xact_lock(hashtext($1));

-- name: sessions.reuse
UPDATE sessions
  SET last_seen_at = now(), expires_at = greatest(expires_at, $1),
  token_hashes = ARRAY(SELECT DISTINCT unnest(token_hashes || $2::text[]))
  WHERE id = $3;

-- name: sessions.start
INSERT INTO sessions (user_id, issuer, sid, token_hashes, expires_at, ended_at)
  VALUES ($1, $2, $3, $4, $5, $6);
