import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook as Verifier } from 'standardwebhooks';
import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { eventually } from '../testing/eventually';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { EventsRecorder } from '../events/events.recorder';
import { EventsRepository } from '../events/events.repository';
import { DeliveryWorker } from './delivery-worker';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookSender } from './webhook-sender';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

const by = { actor: { type: 'client' as const, id: 'sc_admin' }, requestId: 'req-1' };

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A delivery settles within a few 20 ms polls; 10 s leaves room for a loaded machine. */
const settled = (check: () => void | Promise<void>) => eventually(check, 10_000);

describe('DeliveryWorker (on a real database, to local endpoints)', () => {
  let db: ServiceDatabase;
  let server: Server;
  let base: string;
  let answer: (req: Received, res: ServerResponse) => void;
  const received: Received[] = [];
  const config = testConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '20', WEBHOOK_POLL_MS: '20', WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT: '2', WEBHOOK_TIMEOUT_MS: '5000' });
  let service: WebhooksService;
  let deliveries: WebhookDeliveriesRepository;
  let transactions: TransactionRunner;
  let worker: DeliveryWorker | undefined;
  let sender: WebhookSender;
  /** A worker with `settings` (stopping the one before): each test starts from an idle worker on an empty database. */
  async function startWorker(settings = config): Promise<void> {
    await worker?.onModuleDestroy();
    worker = new DeliveryWorker(deliveries, new WebhookSender(settings.webhooks), service, settings);
    worker.onApplicationBootstrap();
  }

  beforeAll(async () => {
    db = await openServiceDatabase();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const entry = { path: req.url!, headers: req.headers, body };
        received.push(entry);
        answer(entry, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const statements = new StatementRunner(db.dataSource, config);
    transactions = new TransactionRunner(db.dataSource);
    deliveries = new WebhookDeliveriesRepository(statements);
    sender = new WebhookSender(config.webhooks);
    service = new WebhooksService(new WebhooksRepository(statements), deliveries, transactions, sender, config, new EventsRecorder(new EventsRepository(statements)));
  });
  afterAll(async () => {
    await worker?.onModuleDestroy();
    sender.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });
  beforeEach(async () => {
    // Stopped first: a claim running during TRUNCATE deadlocks with it.
    await worker?.onModuleDestroy();
    worker = undefined;
    received.length = 0;
    answer = (_req, res) => res.writeHead(204).end();
    await db.truncate();
    await startWorker();
  });

  const enqueue = async (webhookId: string, count = 1) => {
    const events = Array.from({ length: count }, (_, index) => ({ eventId: randomUUID(), type: 'user.updated', data: { index } }));
    await transactions.run((unit) => deliveries.insertMany(unit, events.map((event) => ({ webhookId, eventId: event.eventId, eventType: event.type, payload: JSON.stringify(event) }))));
    worker!.wake();
    return events;
  };
  const deliveryStates = async (webhookId: string) => (await service.listDeliveries(webhookId, {})).deliveries;

  it('delivers each event once, signed per Standard Webhooks with the event id as webhook-id', async () => {
    const hook = await service.create(by, { url: `${base}/a`, eventTypes: ['*'] });
    const events = await enqueue(hook.webhookId, 5);
    await settled(() => expect(received).toHaveLength(5));
    const verifier = new Verifier(hook.secret);
    for (const entry of received) {
      const payload = verifier.verify(entry.body, entry.headers as Record<string, string>) as { eventId: string };
      expect(entry.headers['webhook-id']).toBe(payload.eventId);
    }
    expect(received.map((entry) => entry.headers['webhook-id']).sort()).toEqual(events.map((event) => event.eventId).sort());
    await settled(async () => expect((await deliveryStates(hook.webhookId)).map((d) => d.status)).toEqual(Array(5).fill('delivered')));
  });

  it('retries a failing endpoint with the same webhook-id and body until it answers 2xx, recording each attempt', async () => {
    let calls = 0;
    answer = (_req, res) => (++calls <= 3 ? res.writeHead(500).end('not yet') : res.writeHead(200).end('ok'));
    const hook = await service.create(by, { url: `${base}/flaky`, eventTypes: ['*'] });
    const [event] = await enqueue(hook.webhookId);
    await settled(async () => expect((await deliveryStates(hook.webhookId))[0]?.status).toBe('delivered'));
    expect(received).toHaveLength(4);
    const verifier = new Verifier(hook.secret);
    for (const entry of received) {
      expect(entry.headers['webhook-id']).toBe(event.eventId);
      expect(verifier.verify(entry.body, entry.headers as Record<string, string>)).toEqual(event);
    }
    const [delivery] = await deliveryStates(hook.webhookId);
    expect(delivery.attempts.map((a) => [a.attempt, a.responseStatus, a.error ?? null, a.responseBody])).toEqual([
      [1, 500, 'the endpoint answered 500', 'not yet'],
      [2, 500, 'the endpoint answered 500', 'not yet'],
      [3, 500, 'the endpoint answered 500', 'not yet'],
      [4, 200, null, 'ok'],
    ]);
    expect((await service.get(hook.webhookId)).enabled).toBe(true);
  });

  it('disables an endpoint that answers 410 at once, and fails its waiting deliveries', async () => {
    answer = (_req, res) => res.writeHead(410).end();
    const hook = await service.create(by, { url: `${base}/gone`, eventTypes: ['*'] });
    await enqueue(hook.webhookId, 3);
    await settled(async () => expect(await service.get(hook.webhookId)).toMatchObject({ enabled: false, disabledReason: 'gone' }));
    await settled(async () => expect((await deliveryStates(hook.webhookId)).map((d) => d.status)).toEqual(['failed', 'failed', 'failed']));
    expect(received.length).toBeGreaterThanOrEqual(1);
    expect(received.length).toBeLessThanOrEqual(2); // at most the cap was in flight when the first 410 came back
  });

  it('holds at most the per-endpoint cap in flight to a stalled endpoint while another receives everything', async () => {
    const stalled: ServerResponse[] = [];
    answer = (req, res) => (req.path === '/stalled' ? stalled.push(res) : res.writeHead(200).end());
    const slow = await service.create(by, { url: `${base}/stalled`, eventTypes: ['*'] });
    const fast = await service.create(by, { url: `${base}/fast`, eventTypes: ['*'] });
    await enqueue(slow.webhookId, 10);
    await enqueue(fast.webhookId, 20);
    await settled(() => expect(received.filter((entry) => entry.path === '/fast')).toHaveLength(20));
    expect(stalled).toHaveLength(2);
    answer = (_req, res) => res.writeHead(200).end();
    for (const res of stalled.splice(0)) res.writeHead(200).end();
    await settled(() => expect(received.filter((entry) => entry.path === '/stalled')).toHaveLength(10));
  });

  it('never has more than the per-endpoint cap in flight, though finished attempts hand their senders on to the next deliveries', async () => {
    let open = 0;
    let most = 0;
    answer = (_req, res) => {
      most = Math.max(most, ++open);
      setTimeout(() => (open--, res.writeHead(204).end()), 5);
    };
    const hook = await service.create(by, { url: `${base}/busy`, eventTypes: ['*'] });
    await enqueue(hook.webhookId, 40);
    await eventually(async () => expect((await deliveryStates(hook.webhookId)).filter((d) => d.status === 'delivered')).toHaveLength(40));
    expect(received).toHaveLength(40);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('recording a success claims the endpoint\'s next due deliveries within its cap; recording a failure claims none, and a failing endpoint gets one at a time', async () => {
    await worker!.onModuleDestroy();
    worker = undefined;
    const hook = await service.create(by, { url: `${base}/handoff`, eventTypes: ['*'] });
    await transactions.run((unit) =>
      deliveries.insertMany(unit, Array.from({ length: 6 }, (_, index) => ({ webhookId: hook.webhookId, eventId: randomUUID(), eventType: 'user.updated', payload: `{"index":${index}}` }))),
    );
    const finished = (delivery: { delivery_id: string; attempts: number }, status: 'delivered' | 'pending') => ({
      deliveryId: delivery.delivery_id, webhookId: hook.webhookId, attempt: delivery.attempts, attemptedAt: new Date(), durationMs: 1,
      responseStatus: status === 'delivered' ? 204 : 503, error: null, responseBody: null, status, nextAttemptAt: status === 'pending' ? new Date(Date.now() + 3_600_000) : null,
    });
    const first = await deliveries.claim(10, 2, 60_000);
    expect(first).toHaveLength(2);
    // One of two slots frees: one delivery is handed on, though more are due and more were asked for.
    const success = await deliveries.finishMany([finished(first[0], 'delivered')], { limit: 10, cap: 2, leaseMs: 60_000 });
    expect(success.outcomes.get(first[0].delivery_id)).toMatchObject({ failingSince: null });
    expect(success.claimed).toHaveLength(1);
    expect(success.claimed[0]).toMatchObject({ webhook_id: hook.webhookId, url: `${base}/handoff`, attempts: 1 });
    expect([first[1].delivery_id, first[0].delivery_id]).not.toContain(success.claimed[0].delivery_id);
    const failure = await deliveries.finishMany([finished(first[1], 'pending')], { limit: 10, cap: 2, leaseMs: 60_000 });
    expect(failure.claimed).toEqual([]);
    // Failing now: one delivery at a time, and the one handed on is still in flight, so the three due ones wait.
    expect(await deliveries.claim(10, 2, 60_000)).toEqual([]);
    await deliveries.finishMany([finished(success.claimed[0], 'pending')]);
    expect(await deliveries.claim(10, 2, 60_000)).toHaveLength(1);
  });

  it('sends the backlog of an endpoint that answers again at once, not at each delivery\'s next retry', async () => {
    const slowRetries = testConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '3600000', WEBHOOK_POLL_MS: '20' });
    await startWorker(slowRetries);
    let up = false;
    answer = (_req, res) => res.writeHead(up ? 200 : 503).end();
    const hook = await service.create(by, { url: `${base}/outage`, eventTypes: ['*'] });
    await enqueue(hook.webhookId, 5);
    await settled(async () => expect((await deliveryStates(hook.webhookId)).map((d) => d.attempts.length)).toEqual([1, 1, 1, 1, 1]));
    up = true;
    await enqueue(hook.webhookId, 1); // its first attempt succeeds: the endpoint is back, the hour-long back-offs are cut short
    await settled(async () => expect((await deliveryStates(hook.webhookId)).map((d) => d.status)).toEqual(Array(6).fill('delivered')));
  });

  it('disables an endpoint that keeps failing for the whole retry window', async () => {
    const shortWindow = testConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '20', WEBHOOK_POLL_MS: '20', WEBHOOK_RETRY_WINDOW_MS: '1000' });
    await startWorker(shortWindow);
    answer = (_req, res) => res.writeHead(503).end();
    const hook = await service.create(by, { url: `${base}/down`, eventTypes: ['*'] });
    await enqueue(hook.webhookId);
    await settled(async () => expect(await service.get(hook.webhookId)).toMatchObject({ enabled: false, disabledReason: 'failing' }));
    const [delivery] = await deliveryStates(hook.webhookId);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts.length).toBeGreaterThan(1);
  });
});
