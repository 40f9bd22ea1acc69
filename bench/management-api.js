#!/usr/bin/env node
// GET /v1/users at scale: filter search (rare, common, 1- and 2-character terms) beside the same SQL with the
// trigram index dropped (inside a rolled-back transaction) or, for 1-2 characters, the LIKE scan they ran before, page 1 vs a deep keyset page vs OFFSET at the same depth,
// and listing by tenantId. Sequential requests, p50/p95 in ms; printed, no assertions.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:management   (BENCH_USERS=1000000)
// BENCH_DATABASE=<name> keeps the seeded database under that name and reuses it on the next run (seeding once).
// BENCH_BEFORE=<another build's dist folder, e.g. bench/builds/before> also runs that build on the same database
// and times its HTTP requests in turn with the current build's, sample by sample: a before/after column pair
// measured in the same conditions on a machine whose load drifts.
const { createPrivateKey, generateKeyPairSync, randomBytes } = require('node:crypto');
const { resolve } = require('node:path');
const { SignJWT } = require('jose');
const { Client } = require('pg');
const { scratchDatabase, startService, ROOT } = require('./lib/service');
const { seedUsers } = require('./seed-users');

const dist = (path) => require(resolve(ROOT, 'dist/apps/api/src', path));
const { userListStatement } = dist('users/user-list.statements');
const { UsersRepository } = dist('users/users.repository');
const { SEARCH_TEXT, escapeLike } = dist('users/user-search');
const { ListCursorCodec, listScope } = dist('users/list-cursor');
const { deriveKey } = dist('crypto/secret-box');

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const SECRET = 'm'.repeat(43);
const TERMS = { rare: 'quackenbush', common: 'mar', '2-char': 'jo', '2-char, 1% of rows': 'h5', '2-char rare': 'qz', '1-char': 'a', '1-char rare': 'q', '1-char, no match': 'é' };
/** Filters of one or two characters are served by the gram index, longer ones by the trigram index. */
const indexFor = (term) => ([...term].length <= 2 ? 'users_search_grams' : 'users_search_trgm');

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Runs `work` sequentially (3 warm-ups, then up to 60 runs or 15 s) and returns p50/p95 in ms. Given several
 * works (builds), runs them in turn, one sample each per round, and returns one figure per work.
 */
async function time(...works) {
  for (let i = 0; i < 3; i++) for (const work of works) await work();
  const samples = works.map(() => []);
  const until = Date.now() + 15_000 * works.length;
  while (samples[0].length < 60 && (samples[0].length < 5 || Date.now() < until)) {
    for (const [index, work] of works.entries()) {
      const start = process.hrtime.bigint();
      await work();
      samples[index].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const figures = samples.map((taken) => (taken.sort((a, b) => a - b), `${percentile(taken, 50).toFixed(1)} / ${percentile(taken, 95).toFixed(1)}`));
  return works.length === 1 ? figures[0] : figures.join(' vs ');
}

async function main() {
  const { privateKey } = generateKeyPairSync('ed25519');
  // A new key id per run: a reused database keeps earlier runs' keys, and a bootstrap key is only added, never replaced.
  const keyId = `k${randomBytes(4).toString('hex')}`;
  const accessKey = `sc_bench.${keyId}.acc.${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
  const database = await scratchDatabase(process.env.BENCH_DATABASE);
  const serviceEnv = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: SECRET, ROSTER_ACCOUNT_ID: 'acc', ROSTER_BOOTSTRAP_ACCESS_KEY: accessKey, PUBLIC_URL: 'https://roster.example.com' };
  const service = await startService(serviceEnv);
  const before = process.env.BENCH_BEFORE ? await startService(serviceEnv, undefined, resolve(ROOT, process.env.BENCH_BEFORE, 'apps/api/src/main.js')) : undefined;
  const sql = new Client({ connectionString: database.url });
  try {
    await sql.connect();
    const [{ seeded }] = database.reused ? (await sql.query(`SELECT count(*)::int AS seeded FROM users`)).rows : [{ seeded: 0 }];
    if (seeded !== USERS) {
      if (seeded) throw new Error(`${process.env.BENCH_DATABASE} holds ${seeded} users, not ${USERS}: drop it or choose another BENCH_DATABASE`);
      console.log(`seeding ${USERS.toLocaleString('en')} users`);
      await seedUsers(database.url, USERS);
      await sql.query(`INSERT INTO tenants (tenant_id, name) VALUES ('bench', 'Bench')`);
      await sql.query(`INSERT INTO tenant_users (user_id, tenant_id, user_created_at) SELECT id, 'bench', created_at FROM users WHERE hashtext(user_id) % 100 = 0`);
      console.log('VACUUM ANALYZE');
      await sql.query('VACUUM ANALYZE users');
      await sql.query('VACUUM ANALYZE tenant_users');
    } else console.log(`reusing ${process.env.BENCH_DATABASE} (${USERS.toLocaleString('en')} users)`);

    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ aud: 'acc.accounts.authress.io', iss: `${service.url}/v1/clients/sc_bench`, sub: 'sc_bench', client_id: 'sc_bench', iat: now, exp: now + 3600 })
      .setProtectedHeader({ alg: 'EdDSA', kid: keyId })
      .sign(createPrivateKey({ key: Buffer.from(accessKey.split('.')[3], 'base64'), format: 'der', type: 'pkcs8' }));
    const get = (url, query) => async () => {
      const res = await fetch(`${url}/v1/users?${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    // The current build, and with BENCH_BEFORE the other one in turn: "after vs before".
    const httpTimes = (query) => (before ? time(get(service.url, query), get(before.url, query)) : time(get(service.url, query)));
    // The service's own statements, run as the service runs them: named (so prepared) unless planned per call.
    const statement = (query, filterPlan, window) => {
      const { statement: defined, params } = userListStatement({ limit: 100, ...query }, filterPlan, window);
      return { name: defined.planPerCall ? undefined : defined.name, sql: defined.text, parameters: defined.values(params) };
    };
    const run = ({ name, sql: text, parameters }) => () => sql.query({ name, text, values: parameters });
    // What short filters ran before the gram index: LIKE over the rows in list order until the page is full.
    const scan = (term) => ({ sql: `SELECT "users"."id" FROM "users" WHERE "users"."deleting_at" IS NULL AND ${SEARCH_TEXT} LIKE '%' || lower($1) || '%' ESCAPE '\\' ORDER BY "users"."created_at", "users"."id" LIMIT 101`, parameters: [escapeLike(term)] });
    // What UsersRepository.listPage runs for a page: its statements on this one connection.
    const repository = new UsersRepository({ rows: async (defined, params) => (await sql.query({ name: defined.planPerCall ? undefined : defined.name, text: defined.text, values: defined.values(params) })).rows });
    const steps = [];
    const served = (query) => async () => repository.listPage({ limit: 100, ...query });
    const stepsOf = async (query) => {
      const recorder = new UsersRepository({ rows: async (defined, params) => (steps.push(defined.name), (await sql.query({ text: defined.text, values: defined.values(params) })).rows) });
      steps.length = 0;
      await recorder.listPage({ limit: 100, ...query });
      return steps.join(' → ');
    };
    const plan = async ({ sql: text, parameters }) => {
      const [{ 'QUERY PLAN': [root] }] = (await sql.query(`EXPLAIN (FORMAT JSON) ${text}`, parameters)).rows;
      const indexes = new Set();
      const walk = (node) => (node['Index Name'] && indexes.add(node['Index Name']), (node.Plans ?? []).forEach(walk));
      walk(root.Plan);
      return `${root.Plan['Node Type']}${indexes.size ? ` via ${[...indexes].join(', ')}` : ''}`;
    };
    const withoutIndex = async (index, work) => {
      await sql.query('BEGIN');
      try {
        await sql.query(`DROP INDEX ${index}`);
        return await work();
      } finally {
        await sql.query('ROLLBACK');
      }
    };

    const rows = [];
    const plans = [];
    for (const [kind, term] of Object.entries(TERMS)) {
      const query = statement({ filter: term });
      const short = indexFor(term) === 'users_search_grams';
      const [{ n }] = (await sql.query(`SELECT count(*)::int AS n FROM users WHERE name ILIKE $1 OR email ILIKE $1 OR user_id ILIKE $1 OR username ILIKE $1`, [`%${term}%`])).rows;
      // Short filters: the plain LIKE they ran before the gram index; longer ones: their SQL with the trigram index dropped.
      const before = short ? [await time(run(scan(term))), await plan(scan(term))] : await withoutIndex(indexFor(term), async () => [await time(run(query)), await plan(query)]);
      rows.push([`filter, ${kind} term \`${term}\` (${n.toLocaleString('en')} matches)`, await httpTimes(`limit=100&filter=${encodeURIComponent(term)}`), await time(served({ filter: term })), `${before[0]} (${short ? 'LIKE over every row, as before' : `${indexFor(term)} dropped`})`]);
      plans.push(`filter ${term}: ${short ? `${await stepsOf({ filter: term })}; window: ${await plan(statement({ filter: term }, 'window', 10_000))}; index: ` : ''}${await plan(query)}; before: ${before[1]}`);
    }
    rows.push(['list, page 1', await httpTimes('limit=100'), await time(served({})), '']);
    const depth = USERS - 100;
    const [edge] = (await sql.query(`SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position FROM users WHERE deleting_at IS NULL ORDER BY created_at, id OFFSET $1 LIMIT 1`, [depth - 1])).rows;
    const after = { createdAt: edge.position, id: edge.id };
    const cursor = new ListCursorCodec(deriveKey(SECRET, 'cursor')).encode(after, listScope(undefined, undefined));
    const offsetQuery = { sql: `SELECT id FROM users WHERE deleting_at IS NULL ORDER BY created_at, id OFFSET $1 LIMIT 101`, parameters: [depth] };
    rows.push([`list, deep page (cursor after row ${depth.toLocaleString('en')})`, await httpTimes(`limit=100&cursor=${encodeURIComponent(cursor)}`), await time(served({ after })), `${await time(run(offsetQuery))} (OFFSET ${depth.toLocaleString('en')})`]);
    plans.push(`deep keyset page: ${await plan(statement({ after }))}; OFFSET: ${await plan(offsetQuery)}`);
    const [{ n: tenantUsers }] = (await sql.query(`SELECT count(*)::int AS n FROM tenant_users WHERE tenant_id = 'bench'`)).rows;
    rows.push([`list by tenantId (${tenantUsers.toLocaleString('en')} users in the tenant), page 1`, await httpTimes('limit=100&tenantId=bench'), await time(served({ tenantId: 'bench' })), '']);
    plans.push(`tenantId: ${await plan(statement({ tenantId: 'bench' }))}`);
    rows.push([`list by tenantId, 2-char filter \`h5\`, page 1`, await httpTimes('limit=100&tenantId=bench&filter=h5'), await time(served({ tenantId: 'bench', filter: 'h5' })), '']);
    plans.push(`tenantId and h5: ${await stepsOf({ tenantId: 'bench', filter: 'h5' })}`);

    console.log(`\n${USERS.toLocaleString('en')} users, limit=100, sequential requests; p50 / p95 in ms`);
    console.log(`| query | HTTP GET /v1/users${before ? ` (this build vs ${process.env.BENCH_BEFORE})` : ''} | its SQL (UsersRepository.listPage) | the SQL without the index, or OFFSET |`);
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log('\nplans:');
    for (const line of plans) console.log(`- ${line}`);
  } finally {
    await sql.end().catch(() => undefined);
    await service.stop();
    await before?.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
