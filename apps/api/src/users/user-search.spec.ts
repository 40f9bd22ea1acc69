import { QueryRunner } from 'typeorm';
import { CreateUsers1732300000000 } from '../database/migrations/1732300000000-create-users';
import { SearchGrams1733000000000 } from '../database/migrations/1733000000000-search-grams';
import { escapeLike, isShortFilter, SEARCH_GRAMS, SEARCH_TEXT } from './user-search';

describe('user search', () => {
  it.each([
    ['ada', 'ada'],
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['back\\slash', 'back\\\\slash'],
    ['%_\\', '\\%\\_\\\\'],
  ])('escapes %j as %j for LIKE … ESCAPE', (filter, escaped) => {
    expect(escapeLike(filter)).toBe(escaped);
  });

  it('searches exactly the expression the migration indexes as users_search_trgm', async () => {
    const queries: string[] = [];
    await new CreateUsers1732300000000().up({ query: async (sql: string) => queries.push(sql) } as unknown as QueryRunner);
    const index = queries.find((sql) => sql.includes('"users_search_trgm"'))!.replace(/\s+/g, ' ');
    expect(index).toContain(`(${SEARCH_TEXT.replace(/"users"\./g, '')}) gin_trgm_ops`);
  });

  it('looks filters of one or two characters up among the grams the migration indexes as users_search_grams', async () => {
    const queries: string[] = [];
    await new SearchGrams1733000000000().up({ query: async (sql: string) => queries.push(sql) } as unknown as QueryRunner);
    const index = queries.find((sql) => sql.includes('"users_search_grams"'))!.replace(/\s+/g, ' ');
    expect(index).toContain(`( ${SEARCH_GRAMS.replace(/"users"\./g, '')} )`);
    expect([isShortFilter('a'), isShortFilter('é%'), isShortFilter('😀x'), isShortFilter('abc')]).toEqual([true, true, true, false]);
  });
});
