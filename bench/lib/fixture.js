// The data and requests that bench/baseline.js and bench/profile.js load Roster with: a scratch database,
// the built service on it, BENCH_USERS seeded users with one identity each, BENCH_SIGNED_IN users signed in
// with tokens from Roster's own issuer, a service client, and the request lists of each scenario.
const { createPrivateKey, generateKeyPairSync } = require('node:crypto');
const { resolve } = require('node:path');
const { SignJWT } = require('jose');
const { Client } = require('pg');
const { scratchDatabase, startService, freePort, ROOT } = require('./service');
const { seedUsers } = require('../seed-users');

const ACCOUNT = 'acc';
const dist = (path) => require(resolve(ROOT, 'dist/apps/api/src', path));

async function serviceClientToken(accessKey, url) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ aud: `${ACCOUNT}.accounts.authress.io`, iss: `${url}/v1/clients/sc_bench`, sub: 'sc_bench', client_id: 'sc_bench', iat: now, exp: now + 6 * 3600 })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
    .sign(createPrivateKey({ key: Buffer.from(accessKey.split('.')[3], 'base64'), format: 'der', type: 'pkcs8' }));
}

/** Tokens from Roster's own issuer for `count` users, each signed in once (a user, an identity and a session). */
async function signedInUsers(env, url, count) {
  const { withOwnIssuer } = dist('cli/with-own-issuer');
  const { CommandConfig } = dist('cli/command-config');
  const subjects = Array.from({ length: count }, (_, i) => `bench-user-${i}`);
  const tokens = await withOwnIssuer(CommandConfig.fromEnvironment({ ...env, ROSTER_MIGRATE_ON_START: 'false' }), (issuer) =>
    Promise.all(subjects.map((sub) => issuer.sign({ sub, email: `${sub}@example.com`, email_verified: true, name: `Bench ${sub}` }, 6 * 3600, 'roster'))),
  );
  for (let i = 0; i < tokens.length; i += 10) {
    await Promise.all(
      tokens.slice(i, i + 10).map(async (token) => {
        const res = await fetch(`${url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: token }) });
        if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
      }),
    );
  }
  return tokens;
}

/**
 * Everything set up; `close()` stops the service and drops the database. `rosterEnv` is added to the
 * service's environment (LOG_LEVEL, NODE_OPTIONS for profiling, ...); `main` is another build's main.js.
 */
async function benchFixture({ users, signedIn, tokenCache = 'true', rosterEnv = {}, main, log = () => undefined }) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const accessKey = `sc_bench.k1.${ACCOUNT}.${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
  const database = await scratchDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: 'r'.repeat(43), ROSTER_ACCOUNT_ID: ACCOUNT, ROSTER_BOOTSTRAP_ACCESS_KEY: accessKey, PUBLIC_URL: url, ROSTER_TOKEN_CACHE: tokenCache };
  let roster;
  const sql = new Client({ connectionString: database.url });
  try {
    roster = await startService({ ...env, ...rosterEnv }, port, main);
    log(`seeding ${users.toLocaleString('en')} users with one identity each, signing in ${signedIn}`);
    await seedUsers(database.url, users, () => undefined);
    await sql.connect();
    await sql.query(`INSERT INTO identities (user_id, issuer, subject, provider, connection, is_social)
                     SELECT id, 'https://accounts.example.com', user_id, split_part(user_id, '|', 1), split_part(user_id, '|', 1), true FROM users`);
    const tokens = await signedInUsers(env, url, signedIn);
    await sql.query('VACUUM ANALYZE');
    const userIds = (await sql.query(`SELECT user_id FROM users WHERE user_id NOT LIKE 'bench-user-%' ORDER BY random() LIMIT 2000`)).rows.map((row) => row.user_id);
    await sql.end();

    const service = `Bearer ${await serviceClientToken(accessKey, url)}`;
    const bearer = (token) => ({ authorization: `Bearer ${token}` });
    const scenarios = [
      { key: 'empty', route: 'GET /health/live (no work: the HTTP stack alone)', requests: [{ method: 'GET', path: '/health/live' }] },
      { key: 'management', route: 'GET /v1/users/{userId}, service-client token', requests: userIds.map((id) => ({ method: 'GET', path: `/v1/users/${encodeURIComponent(id)}`, headers: { authorization: service } })) },
      { key: 'user', route: 'GET /user, end-user token', requests: tokens.map((token) => ({ method: 'GET', path: '/user', headers: bearer(token) })) },
      {
        key: 'update',
        route: 'POST /user/update, end-user token',
        requests: tokens.map((token, i) => ({ method: 'POST', path: '/user/update', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ name: `Bench User ${i}` }) })),
      },
    ];
    return {
      roster,
      database,
      url,
      env,
      account: ACCOUNT,
      scenarios,
      async close() {
        await roster.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await sql.end().catch(() => undefined);
    await roster?.stop();
    await database.drop();
    throw error;
  }
}

module.exports = { benchFixture };
