-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: sessionPruning.deleteBatch
DELETE FROM "sessions" WHERE "id" IN (
  SELECT "id" FROM "sessions"
  WHERE "expires_at" < now() - make_interval(secs => $1)
  AND ("ended_at" IS NULL OR "sid" IS NULL OR "expires_at" < now() - interval '1 day')
  LIMIT $2 FOR UPDATE SKIP LOCKED);
