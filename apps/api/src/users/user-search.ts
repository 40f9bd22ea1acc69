/**
 * The searchable text of a user, exactly as the `users_search_trgm` index is built (migration
 * 1732300000000): the planner uses the trigram index only for this same expression.
 */
export const SEARCH_TEXT = `lower("users"."user_id" || E'\\n' || coalesce("users"."name", '') || E'\\n' || coalesce("users"."email", '') || E'\\n' || coalesce("users"."username", '') || E'\\n' || coalesce("users"."vanityname", ''))`;

/** `%`, `_` and `\` in a filter match themselves (LIKE … ESCAPE '\'). */
export function escapeLike(filter: string): string {
  return filter.replace(/[\\%_]/g, (character) => `\\${character}`);
}
