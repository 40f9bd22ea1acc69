import { TestDatabase } from '../database';

/** A digest per table of the service's schema (pg-boss's own bookkeeping aside): equal digests, equal data. */
export async function tableSnapshot(database: TestDatabase): Promise<Record<string, string>> {
  const tables = await database.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const digests = await database.query<{ name: string; digest: string }>(
    tables.map(({ name }) => `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest FROM public."${name}" t`).join(' UNION ALL '),
  );
  return Object.fromEntries(digests.map(({ name, digest }) => [name, digest]));
}
