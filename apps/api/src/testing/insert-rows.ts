import type { Query } from './test-database';

/** camelCase input key → column; only these keys are written, so a typo fails loudly instead of being ignored. */
export type Columns = Record<string, string>;

/**
 * One multi-row INSERT … RETURNING *: a key a row leaves out (or sets to undefined) takes the column's DEFAULT,
 * so the database, not the factory, decides what "unset" means.
 */
export async function insertRows<Row>(query: Query, table: string, columns: Columns, rows: Array<Record<string, unknown>>): Promise<Row[]> {
  if (!rows.length) return [];
  for (const row of rows) {
    const unknown = Object.keys(row).filter((key) => !(key in columns));
    if (unknown.length) throw new Error(`${table} has no ${unknown.join(', ')} (known: ${Object.keys(columns).join(', ')})`);
  }
  const keys = Object.keys(columns).filter((key) => rows.some((row) => row[key] !== undefined));
  if (!keys.length) throw new Error(`${table}: a row needs at least one value`);
  const params: unknown[] = [];
  const values = rows.map((row) => `(${keys.map((key) => (row[key] === undefined ? 'DEFAULT' : `$${params.push(row[key])}`)).join(', ')})`);
  return query<Row>(`INSERT INTO ${table} (${keys.map((key) => columns[key]).join(', ')}) VALUES ${values.join(', ')} RETURNING *`, params);
}
