import { tearDownTemplateDatabase } from '../../../api/src/testing'; // jest's moduleNameMapper does not apply to globalSetup/globalTeardown

export default async function globalTeardown(): Promise<void> {
  await tearDownTemplateDatabase();
}
