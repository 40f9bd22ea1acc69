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
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM users u
  WHERE u.id = $1 AND u.deleting_at IS NULL;

-- name: users.findByUserId
SELECT u.*,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM users u
  WHERE u.user_id = $1 AND u.deleting_at IS NULL;

-- name: users.findForUpdate
SELECT * FROM users WHERE id = $1 FOR UPDATE;

-- name: users.findIdentity
SELECT * FROM identities WHERE issuer = $1 AND subject = $2;

-- name: users.findProfile
SELECT u.id, u.user_id, u.email, u.name, u.username, u.picture, u.vanityname, u.aesthetics, u.created_at, u.updated_at, u.version,
  (SELECT coalesce(json_agg(json_build_object('provider', i.provider, 'issuer', i.issuer, 'subject', i.subject, 'connection', i.connection, 'is_social', i.is_social,
  'profile_data', i.profile_data, 'created_at', i.created_at, 'updated_at', i.updated_at) ORDER BY i.created_at), '[]')
  FROM identities i WHERE i.user_id = u.id) AS identities
  FROM users u
  WHERE u.id = $1 AND u.deleting_at IS NULL;

-- name: users.findUserIdentityById
SELECT u.id, u.user_id, u.name, u.email, u.picture, u.username, u.vanityname, u.created_at, u.updated_at, u.version,
  (SELECT coalesce(json_agg(json_build_object('connection', i.connection, 'issuer', i.issuer, 'subject', i.subject) ORDER BY i.created_at), '[]')
  FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM users u
  WHERE u.id = $1 AND u.deleting_at IS NULL;

-- name: users.findUserIdentityByUserId
SELECT u.id, u.user_id, u.name, u.email, u.picture, u.username, u.vanityname, u.created_at, u.updated_at, u.version,
  (SELECT coalesce(json_agg(json_build_object('connection', i.connection, 'issuer', i.issuer, 'subject', i.subject) ORDER BY i.created_at), '[]')
  FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM users u
  WHERE u.user_id = $1 AND u.deleting_at IS NULL;

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
WITH o AS (
  SELECT id, name, username, picture, vanityname, beta, aesthetics
  FROM users
  WHERE id = $1 AND deleting_at IS NULL AND version = coalesce($2, version)
  FOR UPDATE
  ), u AS (
  UPDATE users
  SET name = CASE WHEN $3 THEN $4 ELSE users.name END,
  username = CASE WHEN $5 THEN $6 ELSE users.username END,
  picture = CASE WHEN $7 THEN $8 ELSE users.picture END,
  vanityname = CASE WHEN $9 THEN $10 ELSE users.vanityname END,
  beta = CASE WHEN $11 THEN $12::jsonb ELSE users.beta END,
  aesthetics = CASE WHEN $13::jsonb IS NULL THEN users.aesthetics ELSE jsonb_build_object(
  'theme', (CASE WHEN jsonb_typeof(users.aesthetics->'theme') = 'object' THEN users.aesthetics->'theme' ELSE '{}' END) || coalesce($13::jsonb->'theme', '{}'),
  'font', (CASE WHEN jsonb_typeof(users.aesthetics->'font') = 'object' THEN users.aesthetics->'font' ELSE '{}' END) || coalesce($13::jsonb->'font', '{}')) END,
  updated_at = now(),
  version = users.version + 1
  FROM o
  WHERE users.id = o.id AND users.deleting_at IS NULL AND users.version = coalesce($2, users.version)
  RETURNING users.*
  ), t AS (
  SELECT tenant_id FROM tenant_users WHERE user_id = $1
  ), e AS (
  INSERT INTO events (type, actor_type, actor_id, request_id, user_id, tenant_id, data)
  SELECT 'user.updated', $14, coalesce($15, u.user_id), $16, u.user_id, (SELECT tenant_id FROM t),
  jsonb_build_object('fields', to_jsonb(array_remove(ARRAY[
  CASE WHEN u.name IS DISTINCT FROM o.name THEN 'name' END,
  CASE WHEN u.username IS DISTINCT FROM o.username THEN 'username' END,
  CASE WHEN u.picture IS DISTINCT FROM o.picture THEN 'picture' END,
  CASE WHEN u.vanityname IS DISTINCT FROM o.vanityname THEN 'vanityname' END,
  CASE WHEN u.aesthetics IS DISTINCT FROM o.aesthetics THEN 'aesthetics' END,
  CASE WHEN u.beta IS DISTINCT FROM o.beta THEN 'beta' END], NULL)), 'version', u.version)
  FROM u JOIN o ON o.id = u.id
  )
  SELECT u.id, u.user_id, u.email, u.name, u.username, u.picture, u.vanityname, u.aesthetics, u.created_at, u.updated_at, u.version,
  (SELECT coalesce(json_agg(json_build_object('provider', i.provider, 'issuer', i.issuer, 'subject', i.subject, 'connection', i.connection, 'is_social', i.is_social,
  'profile_data', i.profile_data, 'created_at', i.created_at, 'updated_at', i.updated_at) ORDER BY i.created_at), '[]')
  FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tenant_id FROM t) AS tenant
  FROM u;
