import { nextCursor, walkItems, walkPages } from './pages';

const page = <T>(data: T, link?: string) => ({ data, response: new Response(null, { headers: link ? { Link: link } : {} }) });

describe('pages', () => {
  it('reads the next cursor from the body, else from the Link header', () => {
    expect(nextCursor(page({ pagination: { next: { cursor: 'b' } } }))).toBe('b');
    expect(nextCursor(page({ iterable: [] }, '<http://h/users?limit=2&cursor=a%2Bb>; rel="next"'))).toBe('a+b');
    expect(nextCursor(page({ iterable: [] }))).toBeUndefined();
  });

  it('walks until a page has no next cursor, passing each cursor on', async () => {
    const asked: (string | undefined)[] = [];
    const pages = [page({ users: [1, 2], pagination: { next: { cursor: 'c1' } } }), page({ users: [3], pagination: {} })];
    const items = [];
    for await (const item of walkItems(walkPages((cursor) => (asked.push(cursor), Promise.resolve(pages[asked.length - 1]))), 'users')) items.push(item);
    expect(items).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'c1']);
  });
});
