#!/usr/bin/env node
// GET /v1/events' statements on a large outbox: for each filter, the median time of its first page and of a deep
// page (limit 100), and of ?after= over its 5,000-position window, with the index each plan walks. A scratch
// database is migrated, filled with generate_series (types skewed as in a real log) and dropped after.
// Usage: npx nx run api:build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/event-log.js
// (BENCH_EVENTS=1500000; BENCH_DATABASE=name keeps the filled database for the next run)
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');
const { Client } = require('pg');
const { scratchDatabase, ROOT } = require('./lib/service');

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_500_000);
const RUNS = 15;
// Events every 5 s from 2026-09-01; the deep page starts at 2026-09-20, near the oldest end.
const DEEP = { createdAt: '2026-09-20T00:00:00.000000Z', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };
const DAY = { since: '2026-09-10T00:00:00Z', until: '2026-09-11T00:00:00Z' };
const LIST = [
  ['none', {}],
  ['type=user.updated (40%)', { types: ['user.updated'] }],
  ['type=webhook.created (0.05%)', { types: ['webhook.created'] }],
  ['type=client.deleted (none)', { types: ['client.deleted'] }],
  ['type=user.created,tenant.created (4%)', { types: ['tenant.created', 'user.created'] }],
  ['type=tenant.deleted,webhook.disabled (0.07%)', { types: ['tenant.deleted', 'webhook.disabled'] }],
  ['type=user.* (95%)', { types: ['user.*'] }],
  ['type=webhook.* (0.07%)', { types: ['webhook.*'] }],
  ['type=client.*,user.deleted (1.2%)', { types: ['client.*', 'user.deleted'] }],
  ['userId', { userId: 'usr_123' }],
  ['actorId (0.4%)', { actorId: 'cli_7' }],
  ['tenantId', { tenantId: 'ten_42' }],
  ['since+until (1 day)', DAY],
  ['type=user.updated&tenantId', { types: ['user.updated'], tenantId: 'ten_42' }],
  ['type=user.*&userId', { types: ['user.*'], userId: 'usr_123' }],
  ['type=webhook.*&actorId', { types: ['webhook.*'], actorId: 'cli_7' }],
  ['type=tenant.*&since+until', { types: ['tenant.*'], ...DAY }],
];
const AFTER = [
  ['after: none', {}],
  ['after: type=user.updated', { types: ['user.updated'] }],
  ['after: type=webhook.*', { types: ['webhook.*'] }],
  ['after: userId', { userId: 'usr_123' }],
];

const FILL = `
INSERT INTO events (tx_id, type, occurred_at, actor_type, actor_id, request_id, user_id, tenant_id, data)
SELECT (1000 + i / 3)::text::xid8, t.type, timestamptz '2026-09-01' + i * interval '5 s' + (random() * 4000)::int * interval '1 ms',
       CASE WHEN a < 0.80 THEN 'user' WHEN a < 0.98 THEN 'client' ELSE 'system' END,
       CASE WHEN a < 0.80 THEN 'usr_' || u WHEN a < 0.98 THEN 'cli_' || (u % 50) ELSE 'jobs' END,
       'req_' || i,
       CASE WHEN t.type LIKE 'user.%' OR t.type = 'tenant.user_linked' THEN 'usr_' || u END,
       CASE WHEN u % 10 < 6 THEN 'ten_' || (u % 2000) END,
       jsonb_build_object('fields', jsonb_build_array('name'), 'version', i % 7)
  FROM (SELECT i, random() AS r, random() AS a, (random() * 200000)::int AS u FROM generate_series(1, $1::int) i) g
  CROSS JOIN LATERAL (SELECT CASE
      WHEN r < 0.40 THEN 'user.updated' WHEN r < 0.75 THEN 'user.signed_in' WHEN r < 0.90 THEN 'user.signed_out'
      WHEN r < 0.94 THEN 'user.created' WHEN r < 0.945 THEN 'user.deletion_requested' WHEN r < 0.95 THEN 'user.deleted'
      WHEN r < 0.98 THEN 'tenant.user_linked' WHEN r < 0.982 THEN 'tenant.created' WHEN r < 0.9825 THEN 'tenant.deleted'
      WHEN r < 0.985 THEN 'client.updated' WHEN r < 0.988 THEN 'client.access_key_created' WHEN r < 0.989 THEN 'client.created'
      WHEN r < 0.9895 THEN 'webhook.created' WHEN r < 0.9897 THEN 'webhook.disabled'
      WHEN r < 0.995 THEN 'console.signed_in' ELSE 'console.signed_out' END AS type) t
 ORDER BY i`;

async function main() {
  const log = require(resolve(ROOT, 'dist/apps/api/src/events/event-log.statements.js'));
  const database = await scratchDatabase(process.env.BENCH_DATABASE);
  const client = new Client({ connectionString: database.url });
  try {
    execFileSync('node', [resolve(ROOT, 'dist/apps/api/src/cli.js'), 'migrate'], { env: { ...process.env, DATABASE_URL: database.url }, stdio: ['ignore', 'ignore', 'inherit'] });
    await client.connect();
    if (!database.reused) {
      console.error(`filling ${EVENTS} events…`);
      await client.query(FILL, [EVENTS]);
      await client.query('VACUUM ANALYZE events');
    }
    const measure = async (statement, params) => {
      const query = { text: statement.text, values: statement.values(params) };
      const times = [];
      for (let i = 0; i < RUNS + 3; i++) {
        const start = process.hrtime.bigint();
        await client.query(query);
        if (i >= 3) times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      const plan = (await client.query({ ...query, text: `EXPLAIN (COSTS OFF) ${query.text}` })).rows.map((row) => row['QUERY PLAN']).join('\n');
      const walks = [...plan.matchAll(/(Bitmap Index Scan on|(?:Index Only Scan|Index Scan)(?: Backward)? using|Seq Scan on) "?(\w+)"?/g)].map(([, how, name]) => `${how.replace(/ (on|using)$/, '')} ${name}`);
      const sorted = /Sort Key: occurred_at DESC/.test(plan) ? ' + sort' : '';
      return `${times.sort((a, b) => a - b)[times.length >> 1].toFixed(2)} | ${[...new Set(walks)].join(', ')}${sorted}`;
    };
    console.log(`${EVENTS} events, limit 100, median of ${RUNS}\n\n| filter | page | ms | plan |\n|---|---|---|---|`);
    for (const [name, filters] of LIST) {
      console.log(`| ${name} | first | ${await measure(log.eventListPage, log.eventListParams({ ...filters, limit: 100 }))} |`);
      console.log(`| | deep | ${await measure(log.eventListPage, log.eventListParams({ ...filters, before: DEEP, limit: 100 }))} |`);
    }
    const { rows: [after] } = await client.query(`SELECT tx_id::text AS "txId", seq::text AS seq FROM events ORDER BY tx_id, seq OFFSET $1 LIMIT 1`, [Math.floor(EVENTS / 2)]);
    const { rows: [{ bound }] } = await client.query(`SELECT (max(tx_id)::text::bigint + 1)::text AS bound FROM events`);
    for (const [name, filters] of AFTER) console.log(`| ${name} | window 5000 | ${await measure(log.eventsAfter, log.eventsAfterParams(filters, after, bound, 5000, 100))} |`);
  } finally {
    await client.end().catch(() => undefined);
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
