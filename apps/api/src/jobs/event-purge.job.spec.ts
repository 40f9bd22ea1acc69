import { StatementRunner } from '../database/statement-runner';
import { EventsRepository } from '../events/events.repository';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { EventPurgeJob } from './event-purge.job';
import { JobQueue } from './job-queue.service';

describe('EventPurgeJob (on a real database)', () => {
  let db: ServiceDatabase;
  beforeAll(async () => (db = await openServiceDatabase()));
  afterAll(() => db.close());

  it('deletes the events older than EVENTS_RETENTION_DAYS, in batches, and keeps the rest', async () => {
    const config = testConfig({ EVENTS_RETENTION_DAYS: '30' });
    const job = new EventPurgeJob({} as JobQueue, new EventsRepository(new StatementRunner(db.dataSource, config)), config);
    await db.query(`INSERT INTO events (type, actor_type, actor_id, occurred_at) SELECT 'tenant.created', 'system', 'old', now() - interval '31 days' - g * interval '1 second' FROM generate_series(1, 2500) g`);
    await db.query(`INSERT INTO events (type, actor_type, actor_id, occurred_at) VALUES ('tenant.created', 'system', 'kept', now() - interval '29 days'), ('tenant.created', 'system', 'kept', now())`);
    expect(await job.run()).toBe(2500);
    expect(await db.query(`SELECT actor_id, count(*)::int AS n FROM events GROUP BY actor_id`)).toEqual([{ actor_id: 'kept', n: 2 }]);
    expect(await job.run()).toBe(0);
  });
});
