import { sql } from '../database/sql';

/**
 * The searchable text of a user, exactly as the `users_search_trgm` index is built (migration
 * 1732300000000): the planner uses the trigram index only for this same expression.
 */
export const searchText = sql`lower("users"."user_id" || E'\\n' || coalesce("users"."name", '') || E'\\n' || coalesce("users"."email", '') || E'\\n' || coalesce("users"."username", '') || E'\\n' || coalesce("users"."vanityname", ''))`;
export const SEARCH_TEXT = searchText.strings.join('');

/** Every 1- and 2-character substring of the search text, as the `users_search_grams` index holds it (migration 1733000000000). */
export const searchGrams = sql`"roster_search_grams"(${searchText})`;
export const SEARCH_GRAMS = searchGrams.strings.join('');

/** Filters this short have no trigram: they are looked up among the search grams instead. */
export const isShortFilter = (filter: string) => [...filter].length <= 2;

/** `%`, `_` and `\` in a filter match themselves (LIKE … ESCAPE '\'). */
export function escapeLike(filter: string): string {
  return filter.replace(/[\\%_]/g, (character) => `\\${character}`);
}
