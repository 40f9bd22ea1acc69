import { setUpTemplateDatabase } from './test-database-server';

/** The api's unit tests: a migrated template database that service specs clone (see service-database.ts). */
export default async function globalSetup(): Promise<void> {
  await setUpTemplateDatabase('roster_unit');
}
