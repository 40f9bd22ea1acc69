import type { ApiResponse } from './base-api.js';

type Paged = { pagination?: { next?: { cursor?: string } } };

/** The cursor of the next page: in the body (management API) or in the `Link` header (Pieces API). */
export function nextCursor(response: ApiResponse<unknown>): string | undefined {
  const body = response.data as Paged | undefined;
  if (body?.pagination?.next?.cursor) return body.pagination.next.cursor;
  const link = response.response.headers.get('Link')?.match(/<([^>]*)>\s*;\s*rel="?next"?/)?.[1];
  return link ? (new URL(link, 'http://base').searchParams.get('cursor') ?? undefined) : undefined;
}

/** Every page, following cursors until the last one. */
export async function* walkPages<T>(fetchPage: (cursor: string | undefined) => Promise<ApiResponse<T>>, cursor?: string): AsyncGenerator<T> {
  do {
    const page = await fetchPage(cursor);
    yield page.data;
    cursor = nextCursor(page);
  } while (cursor);
}

/** Every item of every page. */
export async function* walkItems<T, K extends keyof T>(pages: AsyncIterable<T>, key: K): AsyncGenerator<T[K] extends (infer I)[] | undefined ? I : never> {
  for await (const page of pages) yield* ((page[key] ?? []) as never[]);
}
