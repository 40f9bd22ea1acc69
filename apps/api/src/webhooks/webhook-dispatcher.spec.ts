import { EventFeed, FeedEvent } from '../events/event-feed.service';
import { FeedPosition } from '../events/event-row';
import { BackgroundTransactionRunner } from '../database/background-lane';
import { UnitOfWork } from '../database/unit-of-work';
import { DeliveryWorker } from './delivery-worker';
import { IDLE_SKIP_MS, WebhookDispatcher } from './webhook-dispatcher';
import { NewDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatchRepository } from './webhook-dispatch.repository';
import { Subscriber, WebhooksRepository } from './webhooks.repository';

const at = (txId: number, seq: number): FeedPosition => ({ txId: String(txId), seq: String(seq) });
const event = (seq: number): FeedEvent => ({
  position: at(100, seq),
  event: { eventId: `e${seq}`, type: 'user.updated', occurredAt: new Date().toISOString(), actor: { type: 'user', id: 'u' }, requestId: 'r', userId: 'u', data: {} },
});
const subscriber: Subscriber = { webhook_id: 'wh_1', event_types: ['*'], exclude_actor_client_ids: [], created_at: new Date(0) };

/** A dispatcher over in-memory fakes: the feed holds `recorded`; the endpoints are `enabled.outside` at the first look outside the lock, `enabled.inside` after that. */
function rig(recorded: FeedEvent[], enabled: { outside: Subscriber[]; inside: Subscriber[] }, start: FeedPosition | null = null) {
  const state = { position: start, reads: 0, queued: [] as NewDelivery[] };
  const feed = {
    readAfter: async (after: FeedPosition | null) => (state.reads++, recorded.filter((e) => !after || e.position.seq > after.seq)),
    head: async () => recorded[recorded.length - 1]?.position ?? null,
    onNotify: () => () => undefined,
  } as unknown as EventFeed;
  const positions = {
    start: async () => undefined,
    current: async () => state.position,
    read: async () => state.position,
    tryLock: async () => true,
    advance: async (_: UnitOfWork, position: FeedPosition) => void (state.position = position),
    notifyReplicas: () => undefined,
  } as unknown as WebhookDispatchRepository;
  let looks = 0;
  const webhooks = { subscribers: async (unit?: UnitOfWork) => (!unit && looks++ === 0 ? enabled.outside : enabled.inside) } as unknown as WebhooksRepository;
  const deliveries = { insertMany: async (_: UnitOfWork, rows: NewDelivery[]) => void state.queued.push(...rows) } as unknown as WebhookDeliveriesRepository;
  const transactions = { run: (work: (unit: UnitOfWork) => Promise<unknown>) => work({} as UnitOfWork) } as unknown as BackgroundTransactionRunner;
  const dispatcher = new WebhookDispatcher(feed, positions, webhooks, deliveries, transactions, { wake: () => undefined } as unknown as DeliveryWorker);
  const settle = async () => {
    dispatcher.wake();
    await (dispatcher as unknown as { draining: Promise<void> }).draining;
  };
  return { state, dispatcher, settle };
}

describe('WebhookDispatcher', () => {
  afterEach(() => jest.useRealTimers());

  it('with no endpoint enabled, moves to the head without reading the feed, and looks again only after the idle time', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const recorded = [event(1), event(2)];
    const { state, settle, dispatcher } = rig(recorded, { outside: [], inside: [] });
    await settle();
    expect(state).toMatchObject({ position: at(100, 2), reads: 0, queued: [] });
    recorded.push(event(3));
    await settle();
    expect(state.position).toEqual(at(100, 2)); // idle: the wake-up did nothing
    jest.advanceTimersByTime(IDLE_SKIP_MS);
    await (dispatcher as unknown as { draining: Promise<void> }).draining;
    expect(state.position).toEqual(at(100, 3)); // the timer set by the idle wake-up looked again
    await dispatcher.onModuleDestroy();
  });

  it('an endpoint enabled between the look and the lock gets a normal dispatch: nothing skipped', async () => {
    const { state, settle, dispatcher } = rig([event(1), event(2)], { outside: [], inside: [subscriber] });
    await settle();
    expect(state.queued.map((d) => d.eventId)).toEqual(['e1', 'e2']);
    expect(state.position).toEqual(at(100, 2));
    await dispatcher.onModuleDestroy();
  });

  it('never moves the position back', async () => {
    const { state, settle, dispatcher } = rig([event(1)], { outside: [], inside: [] }, at(101, 1));
    await settle();
    expect(state.position).toEqual(at(101, 1));
    await dispatcher.onModuleDestroy();
  });

  it('with an endpoint enabled, queues a delivery per event it wants and advances past them', async () => {
    const { state, settle, dispatcher } = rig([event(1), event(2)], { outside: [subscriber], inside: [subscriber] });
    await settle();
    expect(state.reads).toBeGreaterThan(0);
    expect(state.queued.map((d) => d.eventId)).toEqual(['e1', 'e2']);
    expect(state.position).toEqual(at(100, 2));
    await dispatcher.onModuleDestroy();
  });
});
