import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { Factories, factories } from './factories';
import { createTestDatabase, Query } from './test-database';

export interface ServiceDatabase {
  /** TypeORM on this file's own database (migrated, empty), as the service's DatabaseModule would hand it out. */
  dataSource: DataSource;
  url: string;
  query: Query;
  factory: Factories;
  /** Empties every table (keeps the migrations), for specs that want a clean slate per test. */
  truncate(): Promise<void>;
  /** Closes the connections and drops the database. */
  close(): Promise<void>;
}

/**
 * A real, migrated PostgreSQL database for one service spec file (a clone of the template that the api's jest
 * global setup migrated). Open it in beforeAll and close it in afterAll:
 *
 *   let db: ServiceDatabase;
 *   beforeAll(async () => (db = await openServiceDatabase()));
 *   afterAll(() => db.close());
 */
export async function openServiceDatabase(): Promise<ServiceDatabase> {
  const database = await createTestDatabase();
  const dataSource = new DataSource({ ...dataSourceOptions(database.url), extra: { max: 5 } });
  try {
    await dataSource.initialize();
  } catch (error) {
    await database.drop();
    throw error;
  }
  const query: Query = (sql, params) => dataSource.query(sql, params);
  return {
    dataSource,
    url: database.url,
    query,
    factory: factories(query),
    truncate: async () => {
      const tables = await query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
      if (tables.length) await query(`TRUNCATE ${tables.map((table) => table.name).join(', ')} CASCADE`);
    },
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}
