import { definedStatements } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { ListPosition } from '../users/list-cursor';
import { EventLogRepository } from './event-log.repository';
import { EventListFilters, eventListPage, eventListParams, typesNamed } from './event-log.statements';

interface Row {
  eventId: string;
  type: string;
  occurredAt: Date;
  actorId: string;
  userId: string | null;
  tenantId: string | null;
}

const TYPES = ['user.created', 'user.updated', 'user.signed_in', 'tenant.user_linked', 'tenant.created', 'client.updated', 'webhook.created'];

/** What a filter keeps, said plainly: the oracle the statement is checked against. */
function matches(row: Row, filters: EventListFilters): boolean {
  const types = filters.types ?? [];
  if (types.length && !types.includes('*') && !types.some((type) => (type.endsWith('.*') ? row.type.startsWith(type.slice(0, -1)) : row.type === type))) return false;
  if (filters.userId !== undefined && row.userId !== filters.userId) return false;
  if (filters.actorId !== undefined && row.actorId !== filters.actorId) return false;
  if (filters.tenantId !== undefined && row.tenantId !== filters.tenantId) return false;
  if (filters.since !== undefined && row.occurredAt < new Date(filters.since)) return false;
  if (filters.until !== undefined && row.occurredAt >= new Date(filters.until)) return false;
  return true;
}

const newestFirst = (a: Row, b: Row) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.eventId < b.eventId ? 1 : -1);

describe('the audit log’s reads (on a real database)', () => {
  let db: ServiceDatabase;
  let log: EventLogRepository;
  beforeAll(async () => {
    db = await openServiceDatabase();
    log = new EventLogRepository(new StatementRunner(db.dataSource, testConfig()));
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  it('is two statements, each planned per call, listed for queries/', () => {
    expect(definedStatements().filter((statement) => statement.name.startsWith('eventLog.')).map(({ name, planPerCall }) => [name, planPerCall])).toEqual([
      ['eventLog.after', true],
      ['eventLog.page', true],
    ]);
  });

  it('spells area prefixes out as their known types, and names all for none or *', () => {
    expect(typesNamed(['webhook.*', 'user.created'])).toEqual(['user.created', 'webhook.created', 'webhook.deleted', 'webhook.disabled', 'webhook.test', 'webhook.updated']);
    expect(typesNamed(['user.updated', 'user.updated'])).toEqual(['user.updated']);
    expect(typesNamed(['user.updated', '*'])).toBeNull();
    expect(typesNamed([])).toBeNull();
    expect(typesNamed(undefined)).toBeNull();
  });

  it('pages each filter and combination newest first in keyset pages, exactly the events it matches', async () => {
    // 60 events over an hour, three to a timestamp so the event_id breaks ties.
    await db.query(
      `INSERT INTO events (type, occurred_at, actor_type, actor_id, user_id, tenant_id)
       SELECT ($1::text[])[1 + i % 7], timestamptz '2026-03-01T10:00:00Z' + (i / 3) * interval '3 minutes', 'user',
              CASE WHEN i % 4 = 0 THEN 'sc_a' ELSE 'u' || (i % 5) END, CASE WHEN i % 6 <> 5 THEN 'u' || (i % 5) END, CASE WHEN i % 3 <> 0 THEN 't' || (i % 2) END
         FROM generate_series(0, 59) i`,
      [TYPES],
    );
    const rows: Row[] = await db.query(`SELECT event_id AS "eventId", type, occurred_at AS "occurredAt", actor_id AS "actorId", user_id AS "userId", tenant_id AS "tenantId" FROM events`);
    const cases: EventListFilters[] = [
      {},
      { types: ['*'] },
      { types: ['user.updated'] },
      { types: ['user.*'] },
      { types: ['tenant.*', 'webhook.created'] },
      { types: ['client.updated', 'user.signed_in'] },
      { types: ['client.deleted'] },
      { userId: 'u2' },
      { actorId: 'sc_a' },
      { tenantId: 't1' },
      { since: '2026-03-01T10:30:00Z' },
      { until: '2026-03-01T10:30:00Z' },
      { since: '2026-03-01T10:15:00Z', until: '2026-03-01T10:45:00Z' },
      { types: ['user.updated'], tenantId: 't0' },
      { types: ['user.*', 'tenant.created'], userId: 'u1', since: '2026-03-01T10:10:00Z' },
      { actorId: 'sc_a', tenantId: 't0', until: '2026-03-01T10:50:00Z' },
    ];
    for (const filters of cases) {
      const listed: string[] = [];
      let before: ListPosition | undefined;
      for (let pages = 0; pages < 60; pages++) {
        const page = await log.listPage({ ...filters, before, limit: 4 });
        listed.push(...page.rows.map((row) => row.eventId));
        if (!page.next) break;
        before = page.next;
      }
      expect({ filters, listed }).toEqual({ filters, listed: rows.filter((row) => matches(row, filters)).sort(newestFirst).map((row) => row.eventId) });
    }
  });

  it('plans each page for its values: a filter not given leaves nothing in the plan, one type stays `type = …` (its index in list order)', async () => {
    const plan = async (query: Parameters<typeof eventListParams>[0]) =>
      (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${eventListPage.text}`, eventListPage.values(eventListParams(query)))).map((line) => line['QUERY PLAN']).join('\n');
    const oneType = await plan({ types: ['user.updated'], limit: 10 });
    expect(oneType).toContain(`type = 'user.updated'::text`);
    expect(oneType).not.toMatch(/IS NULL|ANY|user_id|actor_id|tenant_id|ROW\(/);
    const prefix = await plan({ types: ['tenant.*'], userId: 'u1', before: { createdAt: '2026-03-01T10:00:00.000000Z', id: '8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b' }, limit: 10 });
    expect(prefix).toContain(`type = ANY ('{tenant.created,tenant.deleted,tenant.user_linked}'::text[])`);
    expect(prefix).toContain(`user_id = 'u1'::text`);
    expect(prefix).toContain('ROW(occurred_at, event_id) < ROW(');
    expect(prefix).not.toMatch(/IS NULL|actor_id|tenant_id|type = 'tenant/);
    expect(await plan({ limit: 10 })).not.toMatch(/IS NULL|Filter|Cond/);
  });

  it('?after keeps a transaction’s events in insert order across a page’s end where their seq gains a digit', async () => {
    await db.query(`SELECT setval(pg_get_serial_sequence('events', 'seq'), 95)`);
    await db.query(`INSERT INTO events (type, actor_type, actor_id) SELECT 'tenant.created', 'system', 'e' || i FROM generate_series(96, 105) i`);
    const [first] = await db.query<{ txId: string; bound: string }>(`SELECT tx_id::text AS "txId", (tx_id::text::bigint + 1)::text AS bound FROM events WHERE seq = 96`);
    const read = await log.readAfterMatching({ types: ['tenant.*'] }, { txId: first.txId, seq: '96' }, first.bound, 5000, 5);
    expect(read.rows.map((row) => row.seq)).toEqual(['97', '98', '99', '100', '101']);
    expect(read.next).toBe(read.rows[4].eventId);
    const rest = await log.readAfterMatching({ types: ['tenant.*'] }, { txId: first.txId, seq: '101' }, first.bound, 5000, 5);
    expect(rest.rows.map((row) => row.seq)).toEqual(['102', '103', '104', '105']);
  });
});
