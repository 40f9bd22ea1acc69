import { tearDownTemplateDatabase } from '@roster/api-testing';

export default async function globalTeardown(): Promise<void> {
  await tearDownTemplateDatabase();
}
