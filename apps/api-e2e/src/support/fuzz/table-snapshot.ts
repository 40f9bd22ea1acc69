import { TestDatabase } from '../database';

/**
 * Columns that record that a credential was presented, not what a request changed: a key's last use is written
 * when its token verifies, whatever the route then answers (as AWS and GitHub show a key's last use). And
 * columns that background work changes on its own time.
 */
const BOOKKEEPING: Record<string, string[]> = {
  service_client_keys: ['last_used_at'],
  // The webhook dispatcher advances it in the background, after the requests that recorded events.
  webhook_dispatch_position: ['position', 'updated_at'],
};

/** A digest per table of the service's schema (pg-boss's own bookkeeping aside): equal digests, equal data. */
export async function tableSnapshot(database: TestDatabase): Promise<Record<string, string>> {
  const tables = await database.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const row = (name: string) => (BOOKKEEPING[name] ? `(to_jsonb(t) - ARRAY[${BOOKKEEPING[name].map((column) => `'${column}'`).join(', ')}])::text` : 't::text');
  const digests = await database.query<{ name: string; digest: string }>(
    tables.map(({ name }) => `SELECT '${name}' AS name, md5(coalesce(string_agg(${row(name)}, ',' ORDER BY ${row(name)}), '')) AS digest FROM public."${name}" t`).join(' UNION ALL '),
  );
  return Object.fromEntries(digests.map(({ name, digest }) => [name, digest]));
}
