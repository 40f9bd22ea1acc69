import { DataSource } from 'typeorm';
import { PreparedStatements } from './prepared-statements';

function fakeDataSource() {
  const pooled: Array<{ name: string; text: string; values: unknown[] }> = [];
  const unnamed: string[] = [];
  const dataSource = {
    driver: { master: { query: async (config: { name: string; text: string; values: unknown[] }) => (pooled.push(config), { rows: [{ n: 1 }] }) } },
    query: async (text: string) => (unnamed.push(text), [{ n: 2 }]),
  } as unknown as DataSource;
  return { dataSource, pooled, unnamed };
}

describe('PreparedStatements', () => {
  it('names each text by its hash on the pool: one text, one name; another text, another name', async () => {
    const { dataSource, pooled, unnamed } = fakeDataSource();
    const statements = new PreparedStatements(dataSource, true);
    expect(await statements.query('SELECT $1', [1])).toEqual([{ n: 1 }]);
    await statements.query('SELECT $1', [2]);
    await statements.query('SELECT $1 + 1', [3]);
    expect(pooled.map((call) => call.values)).toEqual([[1], [2], [3]]);
    expect(pooled[0].name).toMatch(/^roster_[0-9a-f]{24}$/);
    expect(pooled[1].name).toBe(pooled[0].name);
    expect(pooled[2].name).not.toBe(pooled[0].name);
    expect(unnamed).toEqual([]);
  });

  it('goes through TypeORM unnamed when disabled', async () => {
    const { dataSource, pooled, unnamed } = fakeDataSource();
    expect(await new PreparedStatements(dataSource, false).query('SELECT 1', [])).toEqual([{ n: 2 }]);
    expect(unnamed).toEqual(['SELECT 1']);
    expect(pooled).toEqual([]);
  });
});
