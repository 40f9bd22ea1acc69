-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: jobs.lockStart
SELECT pg_advisory_lock($1);

-- name: jobs.unlockStart
SELECT pg_advisory_unlock($1);
