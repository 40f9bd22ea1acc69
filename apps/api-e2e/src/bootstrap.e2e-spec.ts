import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { createTestDatabase, TestDatabase } from './support/database';
import { CLI_JS } from './support/paths';
import { startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';

const execFileAsync = promisify(execFile);

describeLocal('bootstrap admin and Roster’s own issuer', () => {
  let database: TestDatabase;
  const secret = testSecretKey();
  beforeEach(async () => (database = await createTestDatabase()));
  afterEach(() => database.drop());

  const env = () => ({ DATABASE_URL: database.url, ROSTER_SECRET_KEY: secret, ROSTER_ACCOUNT_ID: ACCOUNT_ID });

  it('on an empty database, two replicas starting together create one admin whose key is printed once, outside the JSON log', async () => {
    const [a, b] = await Promise.all([startService(env()), startService(env())]);
    const printed = [a, b].map((service) => /^(sc_admin\.\S+)$/m.exec(service.stderr())?.[1]).filter(Boolean) as string[];
    expect(printed).toHaveLength(1);
    expect(a.stdout() + b.stdout()).not.toContain(printed[0]);
    expect(await database.query('SELECT id, permissions FROM service_clients')).toEqual([{ id: 'sc_admin', permissions: ['*'] }]);
    await expect(await callAs(printed[0], a.url)('GET', '/v1/clients')).toHaveStatus(200);
    await Promise.all([a.stop(), b.stop()]);
    const again = await startService(env());
    expect(again.stderr()).not.toContain('sc_admin.');
    await again.stop();
  });

  it('registers ROSTER_BOOTSTRAP_ACCESS_KEY, and never re-enables it once revoked', async () => {
    const key = newAccessKey('sc_boot');
    const first = await startService({ ...env(), ROSTER_BOOTSTRAP_ACCESS_KEY: key });
    const call = callAs(key, first.url);
    await expect(await call('GET', '/v1/clients')).toHaveStatus(200);
    const keyId = key.split('.')[1];
    await expect(await call('DELETE', `/v1/clients/sc_boot/access-keys/${keyId}`)).toHaveStatus(204);
    await expect(await call('GET', '/v1/clients')).toHaveStatus(401);
    await first.stop();
    const second = await startService({ ...env(), ROSTER_BOOTSTRAP_ACCESS_KEY: key });
    await expect(await callAs(key, second.url)('GET', '/v1/clients')).toHaveStatus(401);
    await second.stop();
  });

  it('publishes its keys, accepts CLI tokens, keeps old tokens valid across a rotation, and can be switched off', async () => {
    const service = await startService({ ...env(), PUBLIC_URL: 'http://roster.test' });
    const configuration = (await (await fetch(`${service.url}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    expect(configuration).toMatchObject({ issuer: 'http://roster.test', jwks_uri: 'http://roster.test/.well-known/jwks.json' });
    const mint = async (...args: string[]) => {
      const run = await execFileAsync(process.execPath, [CLI_JS, 'token', ...args], { env: { ...process.env, ...env(), PUBLIC_URL: 'http://roster.test' }, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout.trim();
    };
    const reader = await mint('--sub', 'alice', '--email', 'alice@example.com', '--name', 'Alice', '--permissions', 'users:read', '--ttl', '1h');
    const probe = (token: string) => fetch(`${service.url}/v1/users/nobody`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);
    expect(await probe(reader)).toBe(404);
    expect(await probe(await mint('--sub', 'alice'))).toBe(403);
    expect(await probe(await mint('--sub', 'alice', '--id-token'))).toBe(401);
    // roster-cli is an ID-token audience of our own issuer (other issuers' roster-cli is refused: pieces-http).
    const signIn = { access_token: await mint('--sub', 'alice'), id_token: await mint('--sub', 'alice', '--id-token') };
    await expect(await fetch(`${service.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signIn) })).toHaveStatus(200);

    const rotate = spawnSync(process.execPath, [CLI_JS, 'rotate-key'], { env: { ...process.env, ...env(), PUBLIC_URL: 'http://roster.test' }, encoding: 'utf8' });
    expect(rotate.status).toBe(0);
    const jwks = (await (await fetch(`${service.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string; crv: string; d?: string }> };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys.every((key) => key.crv === 'Ed25519' && key.d === undefined)).toBe(true);
    const fresh = await mint('--sub', 'alice', '--permissions', 'users:read');
    expect(await probe(fresh)).toBe(404);
    expect(await probe(reader)).toBe(404);
    expect(await database.query(`SELECT count(*)::int AS n FROM signing_keys WHERE sealed_private_key LIKE '%MC4CAQ%'`)).toEqual([{ n: 0 }]);
    await service.stop();

    const off = await startService({ ...env(), PUBLIC_URL: 'http://roster.test', ROSTER_OWN_ISSUER: 'false' });
    expect(await probe.call(null, fresh).catch(() => 0)).toBe(0); // the first service is gone
    await expect(await fetch(`${off.url}/v1/users/nobody`, { headers: { authorization: `Bearer ${fresh}` } })).toHaveStatus(401);
    await expect(await fetch(`${off.url}/.well-known/jwks.json`)).toHaveStatus(404);
    await off.stop();
  });

  it('refuses CLI permissions that an end user can never hold', () => {
    const run = spawnSync(process.execPath, [CLI_JS, 'token', '--sub', 'x', '--permissions', 'clients:write'], { env: { ...process.env, ...env() }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('clients:write cannot be granted to an end user');
  });
});
