// GET /v1/users's first page at scale, plain and for one tenant (1% of the users), over HTTP on its own
// scratch database: sequential requests (3 warm-ups, then 40), p50 and p95 in ms. The same seeding as
// bench/management-api.js, which shows these beside the other list queries and their plans.
const { createPrivateKey, generateKeyPairSync } = require('node:crypto');
const { SignJWT } = require('jose');
const { Client } = require('pg');
const { scratchDatabase, startService } = require('./service');
const { seedUsers } = require('../seed-users');

async function timed(work, runs = 40) {
  for (let i = 0; i < 3; i++) await work();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)], p95: samples[Math.floor(samples.length * 0.95)] };
}

/** {users, tenantUsers, plain: {p50, p95}, tenant: {p50, p95}} */
async function tenantFirstPage({ users, log = () => undefined }) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const accessKey = `sc_bench.k1.acc.${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
  const database = await scratchDatabase();
  const service = await startService({ DATABASE_URL: database.url, ROSTER_SECRET_KEY: 'm'.repeat(43), ROSTER_ACCOUNT_ID: 'acc', ROSTER_BOOTSTRAP_ACCESS_KEY: accessKey, PUBLIC_URL: 'https://roster.example.com' });
  const sql = new Client({ connectionString: database.url });
  try {
    log(`seeding ${users.toLocaleString('en')} users for the list pages`);
    await seedUsers(database.url, users, () => undefined);
    await sql.connect();
    await sql.query(`INSERT INTO tenants (tenant_id, name) VALUES ('bench', 'Bench')`);
    await sql.query(`INSERT INTO tenant_users (user_id, tenant_id, user_created_at) SELECT id, 'bench', created_at FROM users WHERE hashtext(user_id) % 100 = 0`);
    await sql.query('VACUUM ANALYZE users');
    await sql.query('VACUUM ANALYZE tenant_users');
    const [{ n: tenantUsers }] = (await sql.query(`SELECT count(*)::int AS n FROM tenant_users WHERE tenant_id = 'bench'`)).rows;
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ aud: 'acc.accounts.authress.io', iss: `${service.url}/v1/clients/sc_bench`, sub: 'sc_bench', client_id: 'sc_bench', iat: now, exp: now + 3600 })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .sign(createPrivateKey({ key: Buffer.from(accessKey.split('.')[3], 'base64'), format: 'der', type: 'pkcs8' }));
    const page = (query) => async () => {
      const res = await fetch(`${service.url}/v1/users?${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    return { users, tenantUsers, plain: await timed(page('limit=100')), tenant: await timed(page('limit=100&tenantId=bench')) };
  } finally {
    await sql.end().catch(() => undefined);
    await service.stop();
    await database.drop();
  }
}

module.exports = { tenantFirstPage };
