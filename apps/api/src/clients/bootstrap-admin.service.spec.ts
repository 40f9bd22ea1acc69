import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { generateAccessKey } from './access-key';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { ClientsRepository } from './clients.repository';
import { eventsRecorderOn } from '../testing/events';

describe('BootstrapAdminService (on a real database)', () => {
  let db: ServiceDatabase;
  beforeAll(async () => (db = await openServiceDatabase()));
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const bootstrap = (env: Record<string, string> = {}) => {
    const config = testConfig(env);
    const statements = new StatementRunner(db.dataSource, config);
    return new BootstrapAdminService(new ClientsRepository(db.dataSource, statements), new TransactionRunner(db.dataSource), config, eventsRecorderOn(statements));
  };
  const keys = () => db.query<{ client_id: string; key_id: string; revoked_at: Date | null }>(`SELECT client_id, key_id, revoked_at FROM service_client_keys ORDER BY client_id, key_id`);

  it('creates one all-permission admin on an empty database and hands its key out once, even when two start together', async () => {
    const written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await Promise.all([bootstrap().onApplicationBootstrap(), bootstrap().onApplicationBootstrap()]);
      await bootstrap().onApplicationBootstrap();
      expect(await db.query(`SELECT id, permissions FROM service_clients`)).toEqual([{ id: 'sc_admin', permissions: ['*'] }]);
      expect(await keys()).toHaveLength(1);
      expect(written.mock.calls.filter(([text]) => String(text).includes('sc_admin.'))).toHaveLength(1);
    } finally {
      written.mockRestore();
    }
  });

  it('registers ROSTER_BOOTSTRAP_ACCESS_KEY once, and never re-enables it once revoked', async () => {
    const { accessKey, keyId } = generateAccessKey('sc_ops', 'acc');
    await bootstrap({ ROSTER_BOOTSTRAP_ACCESS_KEY: accessKey }).onApplicationBootstrap();
    expect(await keys()).toEqual([{ client_id: 'sc_ops', key_id: keyId, revoked_at: null }]);
    await db.query(`UPDATE service_client_keys SET revoked_at = now()`);
    await bootstrap({ ROSTER_BOOTSTRAP_ACCESS_KEY: accessKey }).onApplicationBootstrap();
    expect(await keys()).toEqual([{ client_id: 'sc_ops', key_id: keyId, revoked_at: expect.any(Date) }]);
    expect(await db.query(`SELECT id, permissions FROM service_clients`)).toEqual([{ id: 'sc_ops', permissions: ['*'] }]);
  });
});
