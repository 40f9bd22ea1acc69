// The bare baseline for bench/baseline.js: node:http + pg + jose doing the hot work of three Roster routes
// against the same database, with the same checks and the same response bodies, and nothing else (no
// framework, no logging, no metrics, no security headers). Prints {"port"} once listening.
//   GET  /health/live        {"status":"ok"}: the floor of node:http itself
//   GET  /v1/users/{userId}  service-client EdDSA JWT (users:read) → UserIdentity
//   GET  /user               Roster-issued end-user JWT → {"user": UserProfile} with ETag
//   POST /user/update        same token, body {name?, username?, picture?} → UserProfile with ETag
// With BARE_FRAMEWORK=express the same handlers are Express 5 routes (Express is what Roster runs on).
// Env: DATABASE_URL, ISSUER (Roster's PUBLIC_URL), AUDIENCE (roster), ACCOUNT_ID, TOKEN_CACHE (true), POOL_MAX (20), BARE_FRAMEWORK.
const { createHash, createPublicKey } = require('node:crypto');
const { createServer } = require('node:http');
const { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } = require('jose');
const { Pool } = require('pg');

const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const SKEW = 30;
const PROVIDER_TYPES = ['UNKNOWN', 'github', 'google-oauth2', 'bitbucket', 'linkedin', 'twitter', 'facebook', 'waad', 'discord', 'gitlab', 'apple', 'username_email', 'slack'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const { ISSUER, AUDIENCE = 'roster', ACCOUNT_ID = 'roster' } = process.env;
const CACHE = process.env.TOKEN_CACHE !== 'false';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 20) });
// The route statements as named prepared statements, as Roster runs them (DATABASE_PREPARED_STATEMENTS).
const names = new Map();
const prepared = (text, values) => {
  if (!names.has(text)) names.set(text, `bare_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
  return pool.query({ name: names.get(text), text, values });
};
const fail = (status) => Object.assign(new Error(String(status)), { status });

// Verified tokens, as Roster caches them: until expiry or a minute, dropped when the revocation epoch moves.
const cache = new Map();
let epoch;
setInterval(async () => {
  const { rows } = await pool.query('SELECT value FROM revocation_epoch WHERE id = 1').catch(() => ({ rows: [] }));
  if (rows[0] && rows[0].value !== epoch) (epoch = rows[0].value), cache.clear();
}, 250).unref();

let ownKeys;
async function loadOwnKeys() {
  const { rows } = await pool.query(`SELECT kid, public_jwk FROM signing_keys WHERE retired_at IS NULL OR retired_at > now() - interval '1 day'`);
  ownKeys = createLocalJWKSet({ keys: rows.map((row) => ({ ...row.public_jwk, kty: 'OKP', kid: row.kid, alg: 'EdDSA', use: 'sig' })) });
}

async function checked(verification) {
  let payload;
  try {
    ({ payload } = await verification);
  } catch {
    throw fail(401);
  }
  if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + SKEW) throw fail(401);
  return payload;
}

/** The same checks, in the same order and with the same queries, as Roster's TokenVerifier. */
async function verify(token) {
  const hit = CACHE && cache.get(token);
  if (hit && hit.until > Date.now()) return hit.principal;
  let header, payload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    throw fail(401);
  }
  if (!header.alg || !ALGORITHMS.includes(header.alg) || typeof payload.iss !== 'string') throw fail(401);
  let principal;
  if (payload.iss.replace(/\/+$/, '') === ISSUER) {
    const claims = await checked(jwtVerify(token, ownKeys, { audience: AUDIENCE, algorithms: ALGORITHMS, clockTolerance: SKEW, requiredClaims: ['iat', 'exp', 'sub'] }));
    const hash = createHash('sha256').update(token).digest('base64url');
    const { rows: [row] } = await pool.query(
      `SELECT u.id AS "userId", floor(extract(epoch FROM u.tokens_valid_after))::bigint AS "validAfter", u.deleting_at IS NOT NULL AS "deleting",
              (SELECT s.ended_at IS NOT NULL FROM sessions s WHERE (s.issuer = $1 AND s.sid = $3) OR s.token_hashes @> ARRAY[$4::text] ORDER BY s.ended_at IS NOT NULL DESC LIMIT 1) AS "ended",
              (SELECT s.id FROM sessions s WHERE s.ended_at IS NULL AND ((s.issuer = $1 AND s.sid = $3) OR s.token_hashes @> ARRAY[$4::text]) LIMIT 1) AS "sessionId",
              (SELECT floor(extract(epoch FROM d.deleted_at))::bigint FROM deleted_identities d WHERE d.issuer = $1 AND d.subject = $2) AS "deletedAt"
         FROM (SELECT 1) AS one LEFT JOIN identities i ON i.issuer = $1 AND i.subject = $2 LEFT JOIN users u ON u.id = i.user_id`,
      [ISSUER, claims.sub, typeof claims.sid === 'string' ? claims.sid : null, hash],
    );
    const before = (seconds) => seconds != null && claims.iat <= Number(seconds);
    if (row.deleting || row.ended || before(row.validAfter) || before(row.deletedAt)) throw fail(401);
    principal = { kind: 'user', userId: row.userId ?? undefined, permissions: [], expiresAt: claims.exp };
  } else {
    let match;
    try {
      match = /^\/v\d+\/clients\/([^/]+)$/.exec(new URL(payload.iss).pathname);
    } catch {
      match = null;
    }
    if (!match || header.alg !== 'EdDSA' || !header.kid) throw fail(401);
    const clientId = decodeURIComponent(match[1]);
    const { rows: [key] } = await pool.query(
      `SELECT k.public_key AS "publicKey", k.revoked_at IS NOT NULL AS "revoked", c.permissions
         FROM service_client_keys k JOIN service_clients c ON c.id = k.client_id WHERE k.client_id = $1 AND k.key_id = $2`,
      [clientId, header.kid],
    );
    if (!key || key.revoked) throw fail(401);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
    const claims = await checked(jwtVerify(token, publicKey, { audience: `${ACCOUNT_ID}.accounts.authress.io`, algorithms: ['EdDSA'], clockTolerance: SKEW, requiredClaims: ['iat', 'exp', 'sub'] }));
    if (claims.sub !== clientId || (claims.client_id !== undefined && claims.client_id !== clientId)) throw fail(401);
    if (claims.exp - claims.iat > 24 * 3600) throw fail(401);
    principal = { kind: 'client', permissions: key.permissions, expiresAt: claims.exp };
  }
  if (CACHE) {
    if (cache.size >= 50_000) cache.delete(cache.keys().next().value);
    cache.set(token, { principal, until: Math.min(principal.expiresAt * 1000, Date.now() + 60_000) });
  }
  return principal;
}

function bearer(req) {
  const value = req.headers.authorization;
  if (value === undefined) return undefined;
  const match = /^bearer\s+(.*)$/i.exec(value.trim());
  return match ? match[1].trim() : value.trim();
}

// One statement per route: the user row with its identities aggregated beside it.
const IDENTITIES = `(SELECT coalesce(json_agg(json_build_object('issuer', i.issuer, 'subject', i.subject, 'provider', i.provider, 'connection', i.connection, 'isSocial', i.is_social,
  'profileData', i.profile_data, 'createdAt', i.created_at, 'updatedAt', i.updated_at) ORDER BY i.created_at), '[]') FROM identities i WHERE i.user_id = u.id) AS identities`;
const PROFILE_COLUMNS = `u.id, u.email, u.name, u.username, u.picture, u.vanityname, u.aesthetics, u.created_at, u.updated_at, u.version, ${IDENTITIES}`;

const iso = (value) => ({ value: new Date(value).toISOString() });

function userIdentity(row) {
  return {
    userId: row.user_id,
    ...(row.name ? { name: row.name } : {}),
    ...(row.email ? { email: row.email } : {}),
    ...(row.picture ? { picture: row.picture } : {}),
    linkedIdentities: row.identities.map((i) => ({ connection: { connectionId: i.connection ?? i.issuer, userId: i.subject } })),
    ...(row.username ? { username: row.username } : {}),
    ...(row.vanityname ? { vanityName: row.vanityname } : {}),
    ...(row.tenant ? { tenantId: row.tenant } : {}),
    createdTime: new Date(row.created_at).toISOString(),
    updatedTime: new Date(row.updated_at).toISOString(),
  };
}

function userProfile(row) {
  const profile = {
    id: row.id,
    aesthetics: { theme: { dark: row.aesthetics?.theme?.dark ?? false }, font: { size: row.aesthetics?.font?.size ?? 12 } },
    created: iso(row.created_at),
    updated: iso(row.updated_at),
    providers: {
      iterable: row.identities.map((i) => ({
        type: PROVIDER_TYPES.includes(i.provider) ? i.provider : 'UNKNOWN',
        user_id: i.subject,
        created: iso(i.createdAt),
        updated: iso(i.updatedAt),
        ...(i.connection ? { connection: i.connection } : {}),
        isSocial: i.isSocial,
        ...(i.profileData ? { profileData: i.profileData } : {}),
      })),
    },
  };
  for (const field of ['email', 'name', 'username', 'picture', 'vanityname']) if (row[field]) profile[field] = row[field];
  return profile;
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function getUser(req, res, id) {
  const principal = await verify(bearer(req) ?? '');
  if (!principal.permissions.includes('*') && !principal.permissions.includes('users:read')) throw fail(403);
  const byUuid = UUID.test(id.toLowerCase());
  const { rows: [row] } = await prepared(
    `SELECT u.user_id, u.name, u.email, u.picture, u.username, u.vanityname, u.created_at, u.updated_at, u.version, ${IDENTITIES},
            (SELECT tu.tenant_id FROM tenant_users tu WHERE tu.user_id = u.id) AS tenant FROM users u
      WHERE ${byUuid ? '(u.id = $2::uuid OR u.user_id = $1)' : 'u.user_id = $1'} AND u.deleting_at IS NULL
      ORDER BY ${byUuid ? 'u.id = $2::uuid DESC' : '1'} LIMIT 1`,
    byUuid ? [id, id.toLowerCase()] : [id],
  );
  if (!row) throw fail(404);
  send(res, 200, userIdentity(row), { 'content-type': 'application/links+json; charset=utf-8', etag: `"${row.version}"` });
}

async function currentUser(req, res) {
  const principal = await verify(bearer(req) ?? '');
  if (principal.kind !== 'user' || !principal.userId) return send(res, 200, {});
  const { rows: [row] } = await prepared(`SELECT ${PROFILE_COLUMNS} FROM users u WHERE u.id = $1 AND u.deleting_at IS NULL`, [principal.userId]);
  if (!row) return send(res, 200, {});
  send(res, 200, { user: userProfile(row) }, { etag: `"${row.version}"` });
}

async function updateUser(req, res) {
  const principal = await verify(bearer(req) ?? '');
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw fail(400);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw fail(400);
  for (const field of ['name', 'username', 'picture']) if (body[field] !== undefined && typeof body[field] !== 'string') throw fail(400);
  if (principal.kind !== 'user' || !principal.userId || (body.id !== undefined && body.id !== principal.userId)) throw fail(principal.kind === 'user' && principal.userId ? 403 : 404);
  // The change and the new version in one statement, then the NOTIFY that Roster's stream listens to, after the
  // commit as Roster sends it (inside the transaction PostgreSQL commits notifying transactions one at a time).
  const { rows: [row] } = await prepared(
    `WITH u AS (UPDATE users SET name = CASE WHEN $2 THEN $3 ELSE name END, username = CASE WHEN $4 THEN $5 ELSE username END,
                picture = CASE WHEN $6 THEN $7 ELSE picture END, updated_at = now(), version = version + 1
                WHERE id = $1 AND deleting_at IS NULL RETURNING *)
     SELECT ${PROFILE_COLUMNS} FROM u`,
    [principal.userId, body.name !== undefined, body.name ?? null, body.username !== undefined, body.username ?? null, body.picture !== undefined, body.picture ?? null],
  );
  if (!row) throw fail(404);
  await prepared(`SELECT pg_notify('roster_profile', $1)`, [JSON.stringify({ u: row.id, k: 'changed', v: row.version })]);
  send(res, 200, userProfile(row), { etag: `"${row.version}"` });
}

const failed = (res) => (error) => send(res, error.status ?? 500, { title: error.status ? 'error' : String(error) });

/** node:http alone: the routes matched by hand. */
function bareServer() {
  return createServer((req, res) => {
    const path = req.url.split('?')[0];
    const work =
      req.method === 'GET' && path === '/health/live' ? Promise.resolve(send(res, 200, { status: 'ok' }))
      : req.method === 'GET' && path.startsWith('/v1/users/') ? getUser(req, res, decodeURIComponent(path.slice('/v1/users/'.length)))
      : req.method === 'GET' && path === '/user' ? currentUser(req, res)
      : req.method === 'POST' && path === '/user/update' ? updateUser(req, res)
      : Promise.reject(fail(404));
    work.catch(failed(res));
  });
}

/** The same handlers as Express 5 routes, nothing else: what the framework Roster is built on costs by itself. */
function expressServer() {
  const app = require('express')();
  const route = (handler) => (req, res) => handler(req, res).catch(failed(res));
  app.get('/health/live', (req, res) => send(res, 200, { status: 'ok' }));
  app.get('/v1/users/:id', route((req, res) => getUser(req, res, req.params.id)));
  app.get('/user', route(currentUser));
  app.post('/user/update', route(updateUser));
  app.use((req, res) => failed(res)(fail(404)));
  return createServer(app);
}

const server = process.env.BARE_FRAMEWORK === 'express' ? expressServer() : bareServer();

loadOwnKeys().then(() => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n')));
