import { defineStatement, definedStatements, empty, Params, sql } from './sql';

describe('defineStatement', () => {
  it('numbers each parameter where it first stands and binds values in that order', () => {
    const statement = defineStatement('test.update', (p: Params<{ id: string; name: string; set: boolean }>) => sql`
      UPDATE users SET name = CASE WHEN ${p.set} THEN ${p.name} ELSE name END
       WHERE id = ${p.id} OR user_id = ${p.id}`);
    expect(statement.text).toBe('UPDATE users SET name = CASE WHEN $1 THEN $2 ELSE name END\n  WHERE id = $3 OR user_id = $3');
    expect(statement.values({ id: 'u1', name: 'Ada', set: true })).toEqual([true, 'Ada', 'u1']);
  });

  it('refuses anything but a parameter between the SQL, and names that are not area.operation', () => {
    expect(() => defineStatement('test.splice', () => sql`SELECT ${'1; DROP TABLE users' as never}`)).toThrow(/only statement parameters/);
    expect(() => defineStatement('test.lookalike', () => sql`SELECT ${{ strings: ['1; DROP TABLE users'], parameters: [] } as never}`)).toThrow(/only statement parameters/);
    expect(() => defineStatement('nodot', () => sql`SELECT 1`)).toThrow(/area\.operation/);
  });

  it('splices sql`` fragments with their parameters in place, and nothing for `empty`', () => {
    const statement = defineStatement('test.fragments', (p: Params<{ id: string; tenant: string; name: string }>) => {
      const tenant = sql`AND tenant_id = ${p.tenant}`;
      return sql`SELECT * FROM users WHERE id = ${p.id} ${tenant} ${empty} AND (name = ${p.name} OR ${sql`user_id = ${p.id}`})`;
    });
    expect(statement.text).toBe('SELECT * FROM users WHERE id = $1 AND tenant_id = $2  AND (name = $3 OR user_id = $1)');
    expect(statement.values({ id: 'u1', tenant: 't1', name: 'Ada' })).toEqual(['u1', 't1', 'Ada']);
  });

  it('lists every statement once, and refuses a second text under one name', () => {
    defineStatement('test.listed', () => sql`SELECT 1`);
    defineStatement('test.listed', () => sql`SELECT 1`);
    expect(definedStatements().filter((statement) => statement.name === 'test.listed')).toHaveLength(1);
    expect(() => defineStatement('test.listed', () => sql`SELECT 2`)).toThrow(/two statements/);
  });
});
