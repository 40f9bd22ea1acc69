import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from './database-url';
import { Factories, factories } from './factories';
import { ADMIN_URL_VARIABLE, TEMPLATE_VARIABLE } from './test-database-server';

export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface TestDatabase {
  url: string;
  name: string;
  query: Query;
  /** Rows written through `query`: `await database.factory.user({ name: 'Ada' })`. */
  factory: Factories;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: a clone of the template made in global setup (`empty`: no tables at all). */
export async function createTestDatabase({ empty = false } = {}): Promise<TestDatabase> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  const template = process.env[TEMPLATE_VARIABLE];
  if (!adminUrl || !template) throw new Error(`${ADMIN_URL_VARIABLE}/${TEMPLATE_VARIABLE} are not set: run through a jest config whose globalSetup calls setUpTemplateDatabase`);
  const name = `roster_test_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  // Two files cloning the template at the same moment can collide ("being accessed by other users"): retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name}${empty ? '' : ` TEMPLATE ${template}`}`);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const client = new Client({ connectionString: url });
  await client.connect();
  const query: Query = async (sql, params) => (await client.query(sql, params)).rows;
  return {
    url,
    name,
    query,
    factory: factories(query),
    drop: async () => {
      await client.end();
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
