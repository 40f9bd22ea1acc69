/**
 * The searchable text of a user, exactly as the `users_search_trgm` index is built (migration
 * 1732300000000): the planner uses the trigram index only for this same expression.
 */
export const SEARCH_TEXT = `lower("users"."user_id" || E'\\n' || coalesce("users"."name", '') || E'\\n' || coalesce("users"."email", '') || E'\\n' || coalesce("users"."username", '') || E'\\n' || coalesce("users"."vanityname", ''))`;

/** Every 1- and 2-character substring of SEARCH_TEXT, as the `users_search_grams` index holds it (migration 1733000000000). */
export const SEARCH_GRAMS = `"roster_search_grams"(${SEARCH_TEXT})`;

/** Filters this short have no trigram: they are looked up among the search grams instead. */
export const isShortFilter = (filter: string) => [...filter].length <= 2;

/** `%`, `_` and `\` in a filter match themselves (LIKE … ESCAPE '\'). */
export function escapeLike(filter: string): string {
  return filter.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The case-insensitive substring condition for `filter` (`bind` returns a value's placeholder). `index`: in
 * the form an index serves (grams for a short filter); otherwise LIKE, cheap per row but served by no index
 * when the filter is short.
 */
export function searchCondition(filter: string, bind: (value: unknown) => string, index = true): string {
  if (index && isShortFilter(filter)) return `${SEARCH_GRAMS} @> ARRAY[lower(${bind(filter)}::text)]`;
  return `${SEARCH_TEXT} LIKE '%' || lower(${bind(escapeLike(filter))}) || '%' ESCAPE '\\'`;
}
