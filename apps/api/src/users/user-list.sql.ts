import { ListPosition } from './list-cursor';
import { isShortFilter, searchCondition } from './user-search';

export interface UserListQuery {
  filter?: string;
  tenantId?: string;
  after?: ListPosition;
  limit: number;
}

/**
 * How a filter is applied. `index`: through the trigram or gram index. `window`: by LIKE over only the next
 * SHORT_FILTER_WINDOW rows in list order (a short filter's first try: see UsersRepository.listPage).
 * `scan`: by LIKE over every row (what short filters did before the gram index; the benchmark compares it).
 */
export type FilterPlan = 'index' | 'window' | 'scan';

/** Rows a short filter's `window` looks through: a term in at least ~1% of rows fills a page within it. */
export const SHORT_FILTER_WINDOW = 10_000;

/** The list order's position of a row, as UTC ISO text exact to the microsecond (whatever the session's DateStyle). */
const POSITION = `to_char("users"."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const ORDER = `ORDER BY "users"."created_at", "users"."id"`;
/** The columns SEARCH_TEXT reads: the window carries only these (whole rows made it a third slower). */
const SEARCHED_COLUMNS = `"user_id", "name", "email", "username", "vanityname"`;

/**
 * One page of live users in the order (created_at, id), plus one row that tells whether another page follows.
 * Kept apart from the repository so the benchmark times exactly the statement the service runs.
 */
export function userListSql(query: UserListQuery, plan: FilterPlan = 'index'): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const param = (value: unknown) => `$${parameters.push(value)}`;
  const where = [`"users"."deleting_at" IS NULL`];
  if (query.tenantId) where.push(`EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = ${param(query.tenantId)})`);
  if (query.after) where.push(`("users"."created_at", "users"."id") > (${param(query.after.createdAt)}::timestamptz, ${param(query.after.id)}::uuid)`);
  const limit = () => `LIMIT ${param(query.limit + 1)}`;
  if (query.filter && plan === 'window') {
    const rows = `SELECT "id", "created_at", ${SEARCHED_COLUMNS} FROM "users" WHERE ${where.join(' AND ')} ${ORDER} LIMIT ${SHORT_FILTER_WINDOW}`;
    return { sql: `SELECT "users"."id", ${POSITION} AS "position" FROM (${rows}) AS "users" WHERE ${searchCondition(query.filter, param, false)} ${ORDER} ${limit()}`, parameters };
  }
  if (query.filter) where.push(searchCondition(query.filter, param, plan === 'index'));
  if (query.filter && plan === 'index' && isShortFilter(query.filter)) {
    // Matches first, then their order: walking the list order instead would run the costly gram function on
    // every row it passes (seconds for a term the window missed), however the planner guesses the term's spread.
    const matches = `SELECT "users"."id", "users"."created_at" FROM "users" WHERE ${where.join(' AND ')}`;
    return { sql: `WITH "matches" AS MATERIALIZED (${matches}) SELECT "users"."id", ${POSITION} AS "position" FROM "matches" AS "users" ${ORDER} ${limit()}`, parameters };
  }
  return { sql: `SELECT "users"."id", ${POSITION} AS "position" FROM "users" WHERE ${where.join(' AND ')} ${ORDER} ${limit()}`, parameters };
}
