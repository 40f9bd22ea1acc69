import { SHORT_FILTER_WINDOW, userListSql } from './user-list.sql';
import { SEARCH_GRAMS, SEARCH_TEXT } from './user-search';

describe('userListSql', () => {
  const after = { createdAt: '2026-01-01T00:00:00.000000Z', id: '8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b' };

  it('looks a long filter up by LIKE, which the trigram index serves', () => {
    const { sql, parameters } = userListSql({ filter: 'a_c', limit: 10 });
    expect(sql).toContain(`${SEARCH_TEXT} LIKE '%' || lower($1) || '%'`);
    expect(parameters).toEqual(['a\\_c', 11]);
  });

  it('reads a short filter’s matches from the gram index before ordering them', () => {
    const { sql, parameters } = userListSql({ filter: 'Q%', tenantId: 't', after, limit: 10 });
    expect(sql).toMatch(/^WITH "matches" AS MATERIALIZED \(SELECT .* FROM "users" WHERE .*\) SELECT .* FROM "matches" AS "users" ORDER BY/);
    expect(sql).toContain(`${SEARCH_GRAMS} @> ARRAY[lower($4::text)]`);
    expect(parameters).toEqual(['t', after.createdAt, after.id, 'Q%', 11]);
  });

  it('has a short filter’s window look through a bounded run of rows in list order by LIKE', () => {
    const { sql, parameters } = userListSql({ filter: 'q%', after, limit: 10 }, 'window');
    expect(sql).toContain(`ORDER BY "users"."created_at", "users"."id" LIMIT ${SHORT_FILTER_WINDOW}) AS "users" WHERE ${SEARCH_TEXT} LIKE`);
    expect(sql).not.toContain(SEARCH_GRAMS);
    expect(parameters).toEqual([after.createdAt, after.id, 'q\\%', 11]);
  });
});
