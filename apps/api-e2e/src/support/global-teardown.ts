// jest's moduleNameMapper does not reach globalSetup/globalTeardown, so @roster/api-testing would not resolve here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { tearDownTemplateDatabase } from '../../../api/src/testing';

export default async function globalTeardown(): Promise<void> {
  await tearDownTemplateDatabase();
}
