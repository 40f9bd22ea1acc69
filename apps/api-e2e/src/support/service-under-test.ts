import { createTestDatabase, TestDatabase } from './database';
import { RunningService, startService, testSecretKey } from './service';

export interface ServiceUnderTest {
  url: string;
  /** The spawned process, absent in external mode (API_URL). */
  service?: RunningService;
  database?: TestDatabase;
  close(): Promise<void>;
}

/** External mode (API_URL set, as in docker-compose's `test` service): only tests that need nothing else run there. */
export const external = Boolean(process.env.API_URL);
export const describeLocal = external ? describe.skip : describe;

/** The service for one test file: the external one, or the built service on a fresh database. */
export async function serviceUnderTest(env: Record<string, string> = {}): Promise<ServiceUnderTest> {
  if (external) return { url: String(process.env.API_URL).replace(/\/+$/, ''), close: async () => undefined };
  const database = await createTestDatabase();
  const service = await startService({ DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), ...env });
  return {
    url: service.url,
    service,
    database,
    close: async () => {
      await service.stop();
      await database.drop();
    },
  };
}
