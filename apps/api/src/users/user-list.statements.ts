import { defineStatement, empty, Params, sql, Statement } from '../database/sql';
import { ListPosition } from './list-cursor';
import { escapeLike, isShortFilter, searchGrams, searchText } from './user-search';

export interface UserListQuery {
  filter?: string;
  tenantId?: string;
  after?: ListPosition;
  limit: number;
}

/**
 * How a short filter (one or two characters, no trigram) is applied. `window`: by LIKE over only the next
 * `window` rows in list order, stopping at the page's end. `index`: every match from the gram index, then
 * their order. UsersRepository.listPage chooses between them.
 */
export type ShortFilterPlan = 'window' | 'index';

/** The values a page statement binds; each shape binds only those it uses. */
export interface ListParams {
  tenantId?: string;
  afterCreatedAt?: string;
  afterId?: string;
  /** A long filter, or a short one in a window: escaped for LIKE. */
  pattern?: string;
  /** A short filter on the gram index. */
  gram?: string;
  /** Rows a window looks through. */
  window?: number;
  /** Rows to return: the page and one more, which says that another page follows. */
  limit: number;
}

type Shape = 'all' | 'long' | 'shortWindow' | 'shortIndex';

/** The list order's position of a row, as UTC ISO text exact to the microsecond (whatever the session's DateStyle). */
const position = sql`to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const order = sql`ORDER BY "users"."created_at", "users"."id"`;

/**
 * The ids of one page of live users in the order (created_at, id), in one of four ways to apply the filter;
 * then their rows, positions, identities (oldest first, as json_agg) and tenant in the same round trip.
 */
function pageStatement(shape: Shape, inTenant: boolean, after: boolean): Statement<ListParams> {
  const name = `userList.${shape}${inTenant ? 'InTenant' : ''}${after ? 'After' : ''}`;
  return defineStatement(name, (p: Params<ListParams>) => {
    const tenant = inTenant ? sql`
      AND EXISTS (SELECT 1 FROM "tenant_users" WHERE "tenant_users"."user_id" = "users"."id" AND "tenant_users"."tenant_id" = ${p.tenantId})` : empty;
    const live = sql`"users"."deleting_at" IS NULL${after ? sql`
      AND ("users"."created_at", "users"."id") > (${p.afterCreatedAt}::timestamptz, ${p.afterId}::uuid)` : empty}`;
    const where = sql`${live}${tenant}`;
    const like = sql`${searchText} LIKE '%' || lower(${p.pattern}) || '%' ESCAPE '\\'`;
    const page = {
      // A tenant's users in list order from its own index (tenant_users carries created_at), each checked live:
      // walking all users in list order and probing tenant_users passed a hundred rows per row of a 1% tenant.
      all: inTenant ? sql`SELECT "tu"."user_id" AS "id" FROM "tenant_users" AS "tu" JOIN "users" ON "users"."id" = "tu"."user_id"
          WHERE "tu"."tenant_id" = ${p.tenantId} AND "users"."deleting_at" IS NULL${after ? sql`
            AND ("tu"."user_created_at", "tu"."user_id") > (${p.afterCreatedAt}::timestamptz, ${p.afterId}::uuid)` : empty}
          ORDER BY "tu"."user_created_at", "tu"."user_id" LIMIT ${p.limit}`
        : sql`SELECT "users"."id" FROM "users" WHERE ${where} ${order} LIMIT ${p.limit}`,
      long: sql`SELECT "users"."id" FROM "users" WHERE ${where} AND ${like} ${order} LIMIT ${p.limit}`,
      // The window carries only the columns the search text reads: whole rows made it a third slower. It is
      // the next rows of all users, the tenant checked within it: counting only a small tenant's rows would
      // walk most of the table to fill it (a second at 1M users for a tenant of 1%).
      shortWindow: sql`SELECT "users"."id" FROM (
          SELECT "id", "created_at", "user_id", "name", "email", "username", "vanityname" FROM "users" WHERE ${live} ${order} LIMIT ${p.window}
        ) AS "users" WHERE ${like}${tenant} ${order} LIMIT ${p.limit}`,
      // Matches first, then their order: walking the list order instead would run the costly gram function on
      // every row it passes (seconds for a term the window missed), however the planner guesses the term's spread.
      shortIndex: sql`WITH "matches" AS MATERIALIZED (
          SELECT "users"."id", "users"."created_at" FROM "users" WHERE ${where} AND ${searchGrams} @> ARRAY[lower(${p.gram}::text)]
        ) SELECT "users"."id" FROM "matches" AS "users" ${order} LIMIT ${p.limit}`,
    }[shape];
    return sql`
      SELECT u.*, ${position} AS position,
             (SELECT coalesce(json_agg(i ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities,
             (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant
        FROM (${page}) AS page
        JOIN users u ON u.id = page.id
       ORDER BY u.created_at, u.id`;
  },
  // Every shape's best plan depends on its values: how common a term is, how large a tenant, and the page size
  // and window themselves (a generic plan guesses a tenth of the rows for LIMIT $n and joins them by a full scan:
  // 0.8 s at 1M users; the gram index after a cursor 116 ms instead of 7).
  { planPerCall: true });
}

const SHAPES: Shape[] = ['all', 'long', 'shortWindow', 'shortIndex'];
/** All 16 shapes (filter × tenant × cursor), defined once at load: each has one text and its place in queries/. */
const statements = new Map(SHAPES.flatMap((shape) => [false, true].flatMap((inTenant) => [false, true].map((after) => [`${shape}/${inTenant}/${after}`, pageStatement(shape, inTenant, after)] as const))));

/**
 * The statement and values for one page of `query`, taking at most `limit` rows (the page and one more). A
 * short filter is applied by `plan`.
 */
export function userListStatement(query: UserListQuery, plan: ShortFilterPlan = 'index', window = 0, limit = query.limit + 1): { statement: Statement<ListParams>; params: ListParams } {
  const { filter, tenantId, after } = query;
  const shape: Shape = !filter ? 'all' : !isShortFilter(filter) ? 'long' : plan === 'window' ? 'shortWindow' : 'shortIndex';
  const statement = statements.get(`${shape}/${tenantId !== undefined}/${after !== undefined}`)!;
  const params: ListParams = { tenantId, afterCreatedAt: after?.createdAt, afterId: after?.id, limit };
  if (shape === 'shortIndex') params.gram = filter;
  else if (filter) params.pattern = escapeLike(filter);
  if (shape === 'shortWindow') params.window = window;
  return { statement, params };
}
