import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { createTestDatabase, TestDatabase } from './support/database';
import { eventually } from './support/eventually';
import { RunningService, startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';
import { Receiver, startReceiver } from './support/webhook-receiver';

const EVENTS = 40;

/** Several service processes on one database, as replicas behind a load balancer. */
describeLocal('webhooks across processes: crash safety and replicas sharing the work', () => {
  let database: TestDatabase;
  let receiver: Receiver;
  const adminKey = newAccessKey('sc_root');
  const secretKey = testSecretKey();
  const running: RunningService[] = [];
  const start = async (extra: Record<string, string> = {}) => {
    const service = await startService({
      DATABASE_URL: database.url,
      ROSTER_SECRET_KEY: secretKey,
      ROSTER_ACCOUNT_ID: ACCOUNT_ID,
      ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_CONNECT_TIMEOUT_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '2000',
      ...extra,
    });
    running.push(service);
    return service;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop('SIGKILL')));
    await receiver.close();
    await database.drop();
  });

  /** A webhook for `path` and one to change: each PATCH of the latter records a webhook.updated event. */
  async function setUp(service: RunningService, path: string): Promise<{ secret: string; target: string }> {
    const admin = callAs(adminKey, service.url);
    const hook = (await (await admin('POST', '/v1/webhooks', { url: `${receiver.url}${path}`, eventTypes: ['webhook.updated'] })).json()) as { secret: string };
    const target = (await (await admin('POST', '/v1/webhooks', { url: `${receiver.url}/target`, eventTypes: ['tenant.*'] })).json()) as { webhookId: string };
    return { secret: hook.secret, target: target.webhookId };
  }
  const change = (service: RunningService, target: string, index: number) => callAs(adminKey, service.url)('PATCH', `/v1/webhooks/${target}`, { description: `change ${index}` });
  const recordedEventIds = async (target: string) =>
    (await database.query<{ event_id: string }>(`SELECT event_id FROM events WHERE type = 'webhook.updated' AND data->>'webhookId' = $1`, [target])).map((row) => row.event_id).sort();

  it('kill -9 with deliveries pending and in flight, then a restart: every event is delivered', async () => {
    let up = false;
    // Down (slowly) until the restart: attempts are in flight and retries pending when the process dies.
    receiver.answer = (_delivery, res) => (up ? res.writeHead(204).end() : setTimeout(() => res.writeHead(503).end(), 300));
    const first = await start();
    const { secret, target } = await setUp(first, '/crash');
    for (let index = 0; index < EVENTS; index++) await expect(await change(first, target, index)).toHaveStatus(200);
    await eventually(async () => expect(receiver.received.length).toBeGreaterThan(5), 10_000);
    await first.stop('SIGKILL');
    up = true;
    const second = await start();
    const events = await recordedEventIds(target);
    expect(events).toHaveLength(EVENTS);
    await eventually(async () => {
      const delivered = new Set(receiver.verified(secret, '/crash').map((entry) => entry.id));
      expect([...delivered].filter((id) => events.includes(id))).toHaveLength(EVENTS);
    }, 60_000);
    const ids = receiver.verified(secret, '/crash').map((entry) => entry.id);
    expect(new Set(ids).size).toBe(EVENTS); // distinct webhook-ids = events: nothing lost, nothing invented
    await second.stop();
  });

  it('two replicas share the deliveries; each event arrives, duplicates counted', async () => {
    // Two senders per replica: more than two requests open at once can only come from both.
    const replicas = [await start({ WEBHOOK_CONCURRENCY: '2' }), await start({ WEBHOOK_CONCURRENCY: '2' })];
    receiver.answer = (_delivery, res) => setTimeout(() => res.writeHead(204).end(), 100);
    const { secret, target } = await setUp(replicas[0], '/shared');
    for (let index = 0; index < EVENTS; index++) await expect(await change(replicas[index % 2], target, index)).toHaveStatus(200);
    const events = await recordedEventIds(target);
    await eventually(async () => expect(new Set(receiver.verified(secret, '/shared').map((entry) => entry.id))).toEqual(new Set(events)), 60_000);
    const ids = receiver.verified(secret, '/shared').map((entry) => entry.id);
    const duplicates = ids.length - new Set(ids).size;
    process.stdout.write(`two replicas: ${EVENTS} events, ${ids.length} deliveries, ${duplicates} duplicates, at most ${receiver.maxConcurrent()} at once\n`);
    expect(duplicates).toBe(0);
    expect(receiver.maxConcurrent()).toBeGreaterThan(2);
  });
});
