-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: users.createWithIdentity
WITH u AS (
  INSERT INTO users (user_id) VALUES ($1) RETURNING *
  ), i AS (
  INSERT INTO identities (user_id, issuer, subject, provider, is_social)
  SELECT id, $2, $3, $4, false FROM u
  )
  SELECT * FROM u;

-- name: users.findById
SELECT u.*,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities
  FROM users u
  WHERE u.id = $1 AND u.deleting_at IS NULL;

-- name: users.findByUserId
SELECT u.*,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities
  FROM users u
  WHERE u.user_id = $1 AND u.deleting_at IS NULL;

-- name: users.findForUpdate
SELECT * FROM users WHERE id = $1 FOR UPDATE;

-- name: users.findIdentity
SELECT * FROM identities WHERE issuer = $1 AND subject = $2;

-- name: users.isUserIdTaken
SELECT EXISTS (SELECT 1 FROM users WHERE user_id = $1) AS taken;

-- name: users.lock
SELECT id FROM users WHERE id = $1 FOR UPDATE;

-- name: users.markDeleting
UPDATE users SET deleting_at = now() WHERE id = $1 AND deleting_at IS NULL;

-- name: users.revokeTokens
UPDATE users SET tokens_valid_after = date_trunc('second', now()) WHERE id = $1;

-- name: users.saveSignIn
WITH u AS (
  UPDATE users
  SET email = $1, email_verified = $2, name = $3, picture = $4, username = $5, metadata = $6::jsonb,
  updated_at = CASE WHEN (email, email_verified, name, picture, username, metadata) IS DISTINCT FROM ($1, $2, $3, $4, $5, $6::jsonb) THEN now() ELSE updated_at END,
  version = CASE WHEN (email, email_verified, name, picture, username, metadata) IS DISTINCT FROM ($1, $2, $3, $4, $5, $6::jsonb) THEN version + 1 ELSE version END
  WHERE id = $7
  RETURNING *
  )
  SELECT u.*,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities
  FROM u;

-- name: users.tombstoneIdentities
INSERT INTO deleted_identities (issuer, subject, deleted_at)
  SELECT issuer, subject, now() FROM identities WHERE user_id = $1
  ON CONFLICT (issuer, subject) DO UPDATE SET deleted_at = excluded.deleted_at;

-- name: users.updateProfile
WITH u AS (
  UPDATE users
  SET name = CASE WHEN $1 THEN $2 ELSE name END,
  username = CASE WHEN $3 THEN $4 ELSE username END,
  picture = CASE WHEN $5 THEN $6 ELSE picture END,
  vanityname = CASE WHEN $7 THEN $8 ELSE vanityname END,
  beta = CASE WHEN $9 THEN $10::jsonb ELSE beta END,
  aesthetics = CASE WHEN $11::jsonb IS NULL THEN aesthetics ELSE jsonb_build_object(
  'theme', (CASE WHEN jsonb_typeof(aesthetics->'theme') = 'object' THEN aesthetics->'theme' ELSE '{}' END) || coalesce($11::jsonb->'theme', '{}'),
  'font', (CASE WHEN jsonb_typeof(aesthetics->'font') = 'object' THEN aesthetics->'font' ELSE '{}' END) || coalesce($11::jsonb->'font', '{}')) END,
  updated_at = now(),
  version = version + 1
  WHERE id = $12 AND deleting_at IS NULL AND version = coalesce($13, version)
  RETURNING *, pg_notify('roster_profile', json_build_object('u', id, 'k', 'changed', 'v', version)::text)
  )
  SELECT u.*,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities
  FROM u;
