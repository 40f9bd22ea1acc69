-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: userList.all (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM "users" WHERE "users"."deleting_at" IS NULL ORDER BY "users"."created_at", "users"."id" LIMIT $1) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.allAfter (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND ("users"."created_at", "users"."id") > ($1::timestamptz, $2::uuid) ORDER BY "users"."created_at", "users"."id" LIMIT $3) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.allInTenant (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "tu"."user_id" AS "id" FROM "tenant_users" AS "tu" JOIN "users" ON "users"."id" = "tu"."user_id"
  WHERE "tu"."tenant_id" = $1 AND "users"."deleting_at" IS NULL
  ORDER BY "tu"."user_created_at", "tu"."user_id" LIMIT $2) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.allInTenantAfter (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "tu"."user_id" AS "id" FROM "tenant_users" AS "tu" JOIN "users" ON "users"."id" = "tu"."user_id"
  WHERE "tu"."tenant_id" = $1 AND "users"."deleting_at" IS NULL
  AND ("tu"."user_created_at", "tu"."user_id") > ($2::timestamptz, $3::uuid)
  ORDER BY "tu"."user_created_at", "tu"."user_id" LIMIT $4) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.long (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM "users" WHERE "users"."deleting_at" IS NULL AND lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", '')) LIKE '%' || lower($1) || '%' ESCAPE '\' ORDER BY "users"."created_at", "users"."id" LIMIT $2) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.longAfter (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND ("users"."created_at", "users"."id") > ($1::timestamptz, $2::uuid) AND lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", '')) LIKE '%' || lower($3) || '%' ESCAPE '\' ORDER BY "users"."created_at", "users"."id" LIMIT $4) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.longInTenant (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = $1) AND lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", '')) LIKE '%' || lower($2) || '%' ESCAPE '\' ORDER BY "users"."created_at", "users"."id" LIMIT $3) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.longInTenantAfter (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND ("users"."created_at", "users"."id") > ($1::timestamptz, $2::uuid)
  AND EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = $3) AND lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", '')) LIKE '%' || lower($4) || '%' ESCAPE '\' ORDER BY "users"."created_at", "users"."id" LIMIT $5) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.shortIndex (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (WITH "matches" AS MATERIALIZED (
  SELECT "users"."id", "users"."created_at" FROM "users" WHERE "users"."deleting_at" IS NULL AND "roster_search_grams"(lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", ''))) @> ARRAY[lower($1::text)]
  ) SELECT "users"."id" FROM "matches" AS "users" ORDER BY "users"."created_at", "users"."id" LIMIT $2) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.shortIndexAfter (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (WITH "matches" AS MATERIALIZED (
  SELECT "users"."id", "users"."created_at" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND ("users"."created_at", "users"."id") > ($1::timestamptz, $2::uuid) AND "roster_search_grams"(lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", ''))) @> ARRAY[lower($3::text)]
  ) SELECT "users"."id" FROM "matches" AS "users" ORDER BY "users"."created_at", "users"."id" LIMIT $4) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.shortIndexInTenant (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (WITH "matches" AS MATERIALIZED (
  SELECT "users"."id", "users"."created_at" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = $1) AND "roster_search_grams"(lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", ''))) @> ARRAY[lower($2::text)]
  ) SELECT "users"."id" FROM "matches" AS "users" ORDER BY "users"."created_at", "users"."id" LIMIT $3) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.shortIndexInTenantAfter (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (WITH "matches" AS MATERIALIZED (
  SELECT "users"."id", "users"."created_at" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND ("users"."created_at", "users"."id") > ($1::timestamptz, $2::uuid)
  AND EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = $3) AND "roster_search_grams"(lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", ''))) @> ARRAY[lower($4::text)]
  ) SELECT "users"."id" FROM "matches" AS "users" ORDER BY "users"."created_at", "users"."id" LIMIT $5) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.shortWindow (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM (
  SELECT "id", "created_at", "user_id", "name", "email", "username", "vanityname" FROM "users" WHERE "users"."deleting_at" IS NULL ORDER BY "users"."created_at", "users"."id" LIMIT $1
  ) AS "users" WHERE lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", '')) LIKE '%' || lower($2) || '%' ESCAPE '\' ORDER BY "users"."created_at", "users"."id" LIMIT $3) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.shortWindowAfter (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM (
  SELECT "id", "created_at", "user_id", "name", "email", "username", "vanityname" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND ("users"."created_at", "users"."id") > ($1::timestamptz, $2::uuid) ORDER BY "users"."created_at", "users"."id" LIMIT $3
  ) AS "users" WHERE lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", '')) LIKE '%' || lower($4) || '%' ESCAPE '\' ORDER BY "users"."created_at", "users"."id" LIMIT $5) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.shortWindowInTenant (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM (
  SELECT "id", "created_at", "user_id", "name", "email", "username", "vanityname" FROM "users" WHERE "users"."deleting_at" IS NULL ORDER BY "users"."created_at", "users"."id" LIMIT $1
  ) AS "users" WHERE lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", '')) LIKE '%' || lower($2) || '%' ESCAPE '\'
  AND EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = $3) ORDER BY "users"."created_at", "users"."id" LIMIT $4) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;

-- name: userList.shortWindowInTenantAfter (planned per call, not prepared)
SELECT u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position,
  (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
  (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
  FROM (SELECT "users"."id" FROM (
  SELECT "id", "created_at", "user_id", "name", "email", "username", "vanityname" FROM "users" WHERE "users"."deleting_at" IS NULL
  AND ("users"."created_at", "users"."id") > ($1::timestamptz, $2::uuid) ORDER BY "users"."created_at", "users"."id" LIMIT $3
  ) AS "users" WHERE lower("users"."user_id" || E'\n' || coalesce("users"."name", '') || E'\n' || coalesce("users"."email", '') || E'\n' || coalesce("users"."username", '') || E'\n' || coalesce("users"."vanityname", '')) LIKE '%' || lower($4) || '%' ESCAPE '\'
  AND EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = $5) ORDER BY "users"."created_at", "users"."id" LIMIT $6) AS page
  JOIN users u ON u.id = page.id
  ORDER BY u.created_at, u.id;
