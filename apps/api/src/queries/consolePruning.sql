-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: consolePruning.deleteCodes
DELETE FROM console_sign_in_codes WHERE code_hash IN (
  SELECT code_hash FROM console_sign_in_codes WHERE expires_at < now() - interval '1 day' LIMIT $1 FOR UPDATE SKIP LOCKED);

-- name: consolePruning.deleteSessions
DELETE FROM console_sessions WHERE id IN (
  SELECT id FROM console_sessions WHERE expires_at < now() - interval '1 day' LIMIT $1 FOR UPDATE SKIP LOCKED);
