-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: revocationEpoch.bump
UPDATE revocation_epoch SET value = value + 1 WHERE id = 1;

-- name: revocationEpoch.read
SELECT value FROM revocation_epoch WHERE id = 1;
