-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: signingKeys.lock
SELECT pg_advisory_xact_lock($1);
