import { StatementRunner } from '../database/statement-runner';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { DeliveryPurgeJob } from './delivery-purge.job';
import { DeliveryPurgeRepository } from './delivery-purge.repository';
import { JobQueue } from './job-queue.service';

describe('DeliveryPurgeJob (on a real database)', () => {
  let db: ServiceDatabase;
  beforeAll(async () => (db = await openServiceDatabase()));
  afterAll(() => db.close());

  it('deletes finished deliveries older than EVENTS_RETENTION_DAYS with their attempts, in batches, and keeps pending and recent ones', async () => {
    const config = testConfig({ EVENTS_RETENTION_DAYS: '30' });
    const job = new DeliveryPurgeJob({} as JobQueue, new DeliveryPurgeRepository(new StatementRunner(db.dataSource, config)), config);
    await db.query(`INSERT INTO webhooks (webhook_id, url, event_types, secret_sealed) VALUES ('wh_1', 'https://example.com/hook', '{*}', 'sealed')`);
    const insert = (count: number, status: string, age: string) =>
      db.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, payload, status, created_at)
         SELECT 'wh_1', gen_random_uuid(), 'user.updated', '{}', $1, now() - $2::interval FROM generate_series(1, $3::int)`,
        [status, age, count],
      );
    await insert(1200, 'delivered', '31 days');
    await insert(300, 'failed', '40 days');
    await insert(2, 'pending', '31 days');
    await insert(3, 'delivered', '29 days');
    await db.query(`INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, duration_ms, response_status) SELECT delivery_id, 1, created_at, 5, 200 FROM webhook_deliveries`);

    expect(await job.run()).toBe(1500);
    expect(await db.query(`SELECT status, count(*)::int AS n FROM webhook_deliveries GROUP BY status ORDER BY status`)).toEqual([
      { status: 'delivered', n: 3 },
      { status: 'pending', n: 2 },
    ]);
    expect(await db.query(`SELECT count(*)::int AS n FROM webhook_delivery_attempts`)).toEqual([{ n: 5 }]);
    expect(await job.run()).toBe(0);
  });
});
