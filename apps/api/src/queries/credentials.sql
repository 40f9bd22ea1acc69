-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: credentials.forClientKey
SELECT k.public_key AS "publicKey", (k.revoked_at IS NOT NULL OR c.deleted_at IS NOT NULL) AS "revoked", c.permissions
  FROM service_client_keys k JOIN service_clients c ON c.id = k.client_id
  WHERE k.client_id = $1 AND k.key_id = $2;

-- name: credentials.forUserToken
SELECT u.id AS "userId", u.user_id AS "publicUserId", floor(extract(epoch FROM u.tokens_valid_after))::bigint AS "validAfter", u.deleting_at IS NOT NULL AS "deleting",
  (SELECT s.ended_at IS NOT NULL FROM sessions s WHERE (s.issuer = $1 AND s.sid = $2) OR s.token_hashes @> ARRAY[$3::text] ORDER BY s.ended_at IS NOT NULL DESC LIMIT 1) AS "ended",
  (SELECT s.id FROM sessions s WHERE s.ended_at IS NULL AND ((s.issuer = $1 AND s.sid = $2) OR s.token_hashes @> ARRAY[$3::text]) LIMIT 1) AS "sessionId",
  (SELECT floor(extract(epoch FROM d.deleted_at))::bigint FROM deleted_identities d WHERE d.issuer = $1 AND d.subject = $4) AS "deletedAt"
  FROM (SELECT 1) AS one
  LEFT JOIN identities i ON i.issuer = $1 AND i.subject = $4
  LEFT JOIN users u ON u.id = i.user_id;

-- name: credentials.touchClientKey
UPDATE service_client_keys SET last_used_at = now()
  WHERE client_id = $1 AND key_id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
