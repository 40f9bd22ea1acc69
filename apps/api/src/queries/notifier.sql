-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: notifier.send
SELECT pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) AS n(channel, payload);
