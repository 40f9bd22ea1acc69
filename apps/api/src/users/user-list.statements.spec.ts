import { definedStatements } from '../database/sql';
import { userListStatement } from './user-list.statements';
import { SEARCH_GRAMS, SEARCH_TEXT } from './user-search';

describe('userListStatement', () => {
  const after = { createdAt: '2026-01-01T00:00:00.000000Z', id: '8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b' };

  it('defines one named statement per shape (filter × tenant × cursor), each listed for queries/', () => {
    const names = definedStatements().map((statement) => statement.name).filter((name) => name.startsWith('userList.'));
    expect(names).toHaveLength(16);
    expect(names).toEqual(expect.arrayContaining(['userList.all', 'userList.longInTenantAfter', 'userList.shortWindowAfter', 'userList.shortIndexInTenant']));
  });

  it('looks a long filter up by LIKE, which the trigram index serves', () => {
    const { statement, params } = userListStatement({ filter: 'a_c', limit: 10 });
    expect(statement.name).toBe('userList.long');
    expect(statement.text).toContain(`${SEARCH_TEXT} LIKE '%' || lower($1) || '%'`);
    expect(statement.values(params)).toEqual(['a\\_c', 11]);
  });

  it('reads a short filter’s matches from the gram index before ordering them', () => {
    const { statement, params } = userListStatement({ filter: 'Q%', tenantId: 't', after, limit: 10 });
    expect(statement.name).toBe('userList.shortIndexInTenantAfter');
    expect(statement.text).toMatch(/WITH "matches" AS MATERIALIZED \(\s*SELECT .* FROM "users" WHERE .*\) SELECT .* FROM "matches" AS "users" ORDER BY/s);
    expect(statement.text).toContain(`${SEARCH_GRAMS} @> ARRAY[lower($4::text)]`);
    expect(statement.values(params)).toEqual([after.createdAt, after.id, 't', 'Q%', 11]);
  });

  it('has a short filter’s window look through a bounded run of rows in list order by LIKE, up to the rows asked for', () => {
    const { statement, params } = userListStatement({ filter: 'q%', after, limit: 10 }, 'window', 500, 4);
    expect(statement.name).toBe('userList.shortWindowAfter');
    expect(statement.text).toMatch(/ORDER BY "users"."created_at", "users"."id" LIMIT \$3\s*\) AS "users" WHERE /);
    expect(statement.text).toContain(`${SEARCH_TEXT} LIKE`);
    expect(statement.text).not.toContain(SEARCH_GRAMS);
    expect(statement.values(params)).toEqual([after.createdAt, after.id, 500, 'q\\%', 4]);
  });

  it('lists without a filter in one shape, the page’s rows returned with their identities', () => {
    const { statement, params } = userListStatement({ limit: 100 }, 'window', 500);
    expect(statement.name).toBe('userList.all');
    expect(statement.text).toContain('json_agg(i ORDER BY i.created_at)');
    expect(statement.values(params)).toEqual([101]);
  });
});
