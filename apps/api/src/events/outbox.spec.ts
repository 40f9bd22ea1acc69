import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner, UnitOfWork } from '../database/unit-of-work';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { Attribution } from './attribution';
import { EventFeed, FeedEvent } from './event-feed.service';
import { FeedPosition } from './event-row';
import { EventsRecorder } from './events.recorder';
import { EventsRepository } from './events.repository';
import { Client } from 'pg';
import { ProfileEvents } from '../profile-changes/profile-events.service';

const by: Attribution = { actor: { type: 'client', id: 'c1' }, requestId: 'req-1' };

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('the outbox (on a real database)', () => {
  let db: ServiceDatabase;
  let transactions: TransactionRunner;
  let recorder: EventsRecorder;
  let feed: EventFeed;
  beforeAll(async () => {
    db = await openServiceDatabase();
    transactions = new TransactionRunner(db.dataSource);
    const repository = new EventsRepository(new StatementRunner(db.dataSource, testConfig()));
    recorder = new EventsRecorder(repository);
    feed = new EventFeed(repository, {} as ProfileEvents);
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const record = (unit: UnitOfWork, tenantId: string) => recorder.record(unit, { type: 'tenant.created', ...by, tenantId, data: { tenantId } });

  /** Reads until `count` events came, from `after`: other databases' transactions on the shared server may hold the bound back a moment. */
  async function readUntil(after: FeedPosition | null, count: number): Promise<FeedEvent[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const read = await feed.readAfter(after, 100);
      if (read.length >= count || Date.now() > deadline) return read;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('keeps an event of a committed change, in the wire shape, and none of a rolled-back one', async () => {
    await transactions.run((unit) => record(unit, 'kept'));
    await expect(transactions.run(async (unit) => {
      await record(unit, 'rolled-back');
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    const read = await readUntil(null, 1);
    expect(read.map(({ event }) => event)).toEqual([
      { eventId: expect.any(String), type: 'tenant.created', occurredAt: expect.stringMatching(/^\d{4}-.*Z$/), actor: { type: 'client', id: 'c1' }, requestId: 'req-1', tenantId: 'kept', data: { tenantId: 'kept' } },
    ]);
    expect(await db.query(`SELECT count(*)::int AS n FROM events`)).toEqual([{ n: 1 }]);
    expect(await feed.positionOf(read[0].event.eventId)).toEqual(read[0].position);
    expect(await feed.head()).toEqual(read[0].position);
  });

  it('names each event with a UUIDv7 of the moment it was recorded, so new ids append to the primary key', async () => {
    const before = Date.now();
    await transactions.run((unit) => record(unit, 'v7'));
    const [{ eventId, occurredAt }] = await db.query<{ eventId: string; occurredAt: Date }>(`SELECT event_id AS "eventId", occurred_at AS "occurredAt" FROM events`);
    expect(eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millis = parseInt(eventId.replace(/-/g, '').slice(0, 12), 16);
    // Both from PostgreSQL's clock, read one after the other in the insert.
    expect(Math.abs(millis - occurredAt.getTime())).toBeLessThan(1000);
    expect(millis).toBeGreaterThan(before - 60_000);
  });

  it('a follower never skips an event whose transaction inserted first and committed last', async () => {
    const firstInserted = deferred();
    const releaseFirst = deferred();
    // A: inserts first (the smaller transaction id and seq), then waits until B has committed.
    const a = transactions.run(async (unit) => {
      await record(unit, 'a');
      firstInserted.resolve();
      await releaseFirst.promise;
    });
    try {
      await firstInserted.promise;
      await transactions.run((unit) => record(unit, 'b'));
      // B is committed and visible, but A is still open below it: the follower gets neither yet.
      expect(await feed.readAfter(null, 100)).toEqual([]);
      // What a naive reader by seq would do: take B now, and later skip A, whose seq is smaller, for ever.
      expect(await db.query(`SELECT tenant_id FROM events WHERE seq > 0 ORDER BY seq`)).toEqual([{ tenant_id: 'b' }]);
    } finally {
      releaseFirst.resolve();
      await a;
    }
    expect(await db.query(`SELECT tenant_id FROM events ORDER BY seq`)).toEqual([{ tenant_id: 'a' }, { tenant_id: 'b' }]);
    const read = await readUntil(null, 2);
    expect(read.map(({ event }) => event.tenantId)).toEqual(['a', 'b']);
  });

  it('pages from a position onwards, in order', async () => {
    for (const tenantId of ['t1', 't2', 't3']) await transactions.run((unit) => record(unit, tenantId));
    const [first, ...rest] = await readUntil(null, 3);
    expect(rest.map(({ event }) => event.tenantId)).toEqual(['t2', 't3']);
    expect((await feed.readAfter(first.position, 1)).map(({ event }) => event.tenantId)).toEqual(['t2']);
    expect(await feed.readAfter(rest[1].position, 10)).toEqual([]);
    expect(await feed.positionOf('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('keeps a transaction’s events in insert order where their seq gains a digit: in a page, across pages and at the head', async () => {
    await db.query(`SELECT setval(pg_get_serial_sequence('events', 'seq'), 95)`);
    await transactions.run(async (unit) => {
      for (let i = 96; i <= 105; i++) await record(unit, `t${i}`);
    });
    const all = await readUntil(null, 10);
    expect(all.map(({ position }) => position.seq)).toEqual(['96', '97', '98', '99', '100', '101', '102', '103', '104', '105']);
    expect((await feed.readAfter(all[0].position, 5)).map(({ position }) => position.seq)).toEqual(['97', '98', '99', '100', '101']);
    expect(await feed.head()).toEqual(all[9].position);
  });

  it('is not held back by a transaction in another database of the server', async () => {
    const elsewhere = new Client({ connectionString: Object.assign(new URL(db.url), { pathname: '/postgres' }).toString() });
    await elsewhere.connect();
    try {
      await elsewhere.query('BEGIN');
      await elsewhere.query('SELECT pg_current_xact_id()');
      await transactions.run((unit) => record(unit, 'while-elsewhere-open'));
      expect((await feed.readAfter(null, 100)).map(({ event }) => event.tenantId)).toEqual(['while-elsewhere-open']);
    } finally {
      await elsewhere.query('ROLLBACK');
      await elsewhere.end();
    }
  });
});
