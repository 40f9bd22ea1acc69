import { StatementRunner } from '../database/statement-runner';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { ConsolePruningJob } from './console-pruning.job';
import { ConsolePruningRepository } from './console-pruning.repository';
import { JobQueue } from './job-queue.service';

describe('ConsolePruningJob (on a real database)', () => {
  let db: ServiceDatabase;
  beforeAll(async () => (db = await openServiceDatabase()));
  afterAll(() => db.close());

  it('deletes console codes and sessions a day after they expired, in batches, and keeps the others', async () => {
    const config = testConfig();
    const job = new ConsolePruningJob({} as JobQueue, new ConsolePruningRepository(new StatementRunner(db.dataSource, config)), config);
    await db.query(`INSERT INTO console_sign_in_codes (code_hash, expires_at) SELECT 'old' || g, now() - interval '25 hours' FROM generate_series(1, 700) g`);
    await db.query(`INSERT INTO console_sign_in_codes (code_hash, expires_at) VALUES ('recent', now() - interval '23 hours'), ('live', now() + interval '5 minutes')`);
    await db.query(`INSERT INTO console_sessions (method, operator, permissions, expires_at) SELECT 'link', 'old', '{*}', now() - interval '2 days' FROM generate_series(1, 600)`);
    await db.query(`INSERT INTO console_sessions (method, operator, permissions, expires_at) VALUES ('link', 'recent', '{*}', now() - interval '1 hour'), ('link', 'live', '{*}', now() + interval '1 hour')`);

    await job.run();
    expect(await db.query(`SELECT code_hash FROM console_sign_in_codes ORDER BY code_hash`)).toEqual([{ code_hash: 'live' }, { code_hash: 'recent' }]);
    expect(await db.query(`SELECT operator FROM console_sessions ORDER BY operator`)).toEqual([{ operator: 'live' }, { operator: 'recent' }]);
    expect(await job.run()).toBe(0);
  });
});
