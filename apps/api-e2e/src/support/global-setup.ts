import { existsSync } from 'node:fs';
// jest's moduleNameMapper does not reach globalSetup/globalTeardown, so @roster/api-testing would not resolve here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { setUpTemplateDatabase } from '../../../api/src/testing';
import { MAIN_JS } from './paths';

/**
 * One PostgreSQL server for the run: DATABASE_URL's, or an embedded cluster started here. A template
 * database is migrated once; each test file clones it (createTestDatabase).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.API_URL) return; // external mode: the service under test is already running
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: build the api first (nx run api:build)`);
  await setUpTemplateDatabase('roster_e2e');
}
