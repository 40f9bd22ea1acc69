-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: profileChanges.publish
SELECT pg_notify('roster_profile', $1);
