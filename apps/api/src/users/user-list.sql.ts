import { ListPosition } from './list-cursor';
import { searchCondition } from './user-search';

export interface UserListQuery {
  filter?: string;
  tenantId?: string;
  after?: ListPosition;
  limit: number;
}

/** The list order's position of a row, as UTC ISO text exact to the microsecond (whatever the session's DateStyle). */
const POSITION = `to_char("users"."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of live users in the order (created_at, id), plus one row that tells whether another page follows.
 * Kept apart from the repository so the benchmark times exactly the statement the service runs.
 */
export function userListSql(query: UserListQuery): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const param = (value: unknown) => `$${parameters.push(value)}`;
  const where = [`"users"."deleting_at" IS NULL`];
  if (query.filter) where.push(searchCondition(query.filter, param));
  if (query.tenantId) where.push(`EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = ${param(query.tenantId)})`);
  if (query.after) where.push(`("users"."created_at", "users"."id") > (${param(query.after.createdAt)}::timestamptz, ${param(query.after.id)}::uuid)`);
  const sql = `SELECT "users"."id", ${POSITION} AS "position" FROM "users" WHERE ${where.join(' AND ')} ORDER BY "users"."created_at", "users"."id" LIMIT ${param(query.limit + 1)}`;
  return { sql, parameters };
}
