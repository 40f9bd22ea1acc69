import { spawnSync } from 'node:child_process';
import type { TenantRow } from '@roster/api-testing';
import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { createTestDatabase, TestDatabase } from './support/database';
import { eventually } from './support/eventually';
import { CLI_JS } from './support/paths';
import { RunningService, startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';

const ISSUER = 'http://roster.test';

describeLocal('user deletion: at once for every reader, then a background job (pg-boss)', () => {
  let database: TestDatabase;
  const adminKey = newAccessKey('sc_root');
  const env = () => ({ DATABASE_URL: database.url, ROSTER_SECRET_KEY: secret, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, PUBLIC_URL: ISSUER });
  const secret = testSecretKey();
  const running: RunningService[] = [];
  const start = async (extra: Record<string, string> = {}) => {
    const service = await startService({ ...env(), ...extra });
    running.push(service);
    return service;
  };

  let tenant: TenantRow;
  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await database.factory.tenant({ tenantId: 't1' });
  });
  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop('SIGKILL')));
    await database.drop();
  });

  /** A user with identities (one from Roster's own issuer), sessions and a tenant link. */
  async function seedUser(userId: string, subject: string): Promise<string> {
    const { factory } = database;
    const user = await factory.user({ userId, name: 'To Delete' });
    for (const issuer of [ISSUER, 'https://idp.example', 'https://other.example']) await factory.identity({ user, issuer, subject });
    for (const sid of ['s1', 's2']) await factory.session({ user, issuer: ISSUER, sid });
    await factory.tenantUser(tenant, user);
    return user.id;
  }
  const remaining = async (id: string) =>
    (
      await database.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM users WHERE id = $1) AS users, (SELECT count(*)::int FROM identities WHERE user_id = $1) AS identities,
                (SELECT count(*)::int FROM sessions WHERE user_id = $1) AS sessions, (SELECT count(*)::int FROM tenant_users WHERE user_id = $1) AS "tenantUsers"`,
        [id],
      )
    )[0];
  const gone = { users: 0, identities: 0, sessions: 0, tenantUsers: 0 };
  const runsOf = (services: RunningService[], id: string) => services.flatMap((service) => service.logs()).filter((line) => line.msg === 'user deletion started' && line.userId === id);

  it('202 at once; gone from get and list; the user’s own-issuer token fails; the job removes every row', async () => {
    // Slowed, so the user is still being deleted when the token is tried.
    const service = await start({ ROSTER_TEST_DELETE_BATCH_DELAY_MS: '400' });
    const admin = callAs(adminKey, service.url);
    const id = await seedUser('del|alice', 'alice');
    const mint = spawnSync(process.execPath, [CLI_JS, 'token', '--sub', 'alice', '--permissions', 'users:read'], { env: { ...process.env, ...env() }, encoding: 'utf8' });
    const token = mint.stdout.trim();
    const asAlice = () => fetch(`${service.url}/v1/users/nobody`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);
    expect(await asAlice()).toBe(404);

    const started = Date.now();
    const deleted = await admin('DELETE', '/v1/users/del%7Calice');
    await expect(deleted).toHaveStatus(202);
    expect(await deleted.text()).toBe('');
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(await admin('GET', '/v1/users/del%7Calice')).toHaveStatus(404);
    await expect(await admin('GET', `/v1/users/${id}`)).toHaveStatus(404);
    expect(((await (await admin('GET', '/v1/users?filter=del%7Calice')).json()) as { users: unknown[] }).users).toEqual([]);
    expect(((await (await admin('GET', '/v1/users?tenantId=t1')).json()) as { users: unknown[] }).users).toEqual([]);
    expect(await asAlice()).toBe(401);
    await expect(await admin('DELETE', '/v1/users/del%7Calice')).toHaveStatus(404);

    expect((await remaining(id)).users).toBe(1);
    await eventually(async () => expect(await remaining(id)).toEqual(gone), 10_000);
    expect(runsOf([service], id)).toHaveLength(1);
    // The identities are gone now too; the token issued before the deletion must stay refused.
    expect(await asAlice()).toBe(401);
    await service.stop();
  });

  it('with two service processes, each job runs exactly once', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => seedUser(`two|${i}`, `two-${i}`)));
    for (const [i, id] of ids.entries()) await expect(await callAs(adminKey, (i % 2 ? a : b).url)('DELETE', `/v1/users/${id}`)).toHaveStatus(202);
    for (const id of ids) await eventually(async () => expect(await remaining(id)).toEqual(gone), 15_000);
    for (const id of ids) expect(runsOf([a, b], id)).toHaveLength(1);
    const jobs = await database.query<{ key: string; n: number }>(
      `SELECT singleton_key AS key, count(*)::int AS n FROM (SELECT singleton_key FROM pgboss.job WHERE name = 'user-deletion' UNION ALL SELECT singleton_key FROM pgboss.archive WHERE name = 'user-deletion') AS j WHERE singleton_key = ANY($1) GROUP BY 1`,
      [ids],
    );
    expect(jobs.map((job) => job.n)).toEqual(ids.map(() => 1));
    await Promise.all([a.stop(), b.stop()]);
  });

  it('a process killed mid-job (kill -9) leaves the rest; after a restart everything is gone', async () => {
    const slow = await start({ ROSTER_TEST_DELETE_BATCH_DELAY_MS: '800' });
    const id = await seedUser('crash|carol', 'carol');
    await expect(await callAs(adminKey, slow.url)('DELETE', '/v1/users/crash%7Ccarol')).toHaveStatus(202);
    // The first batch (identities) is done, the rest is not: crash now.
    await eventually(async () => expect((await remaining(id)).identities).toBe(0), 10_000);
    await slow.stop('SIGKILL');
    const left = await remaining(id);
    expect(left.users).toBe(1);
    expect(left.sessions + left.tenantUsers).toBeGreaterThan(0);

    const restarted = await start();
    await expect(await callAs(adminKey, restarted.url)('GET', `/v1/users/${id}`)).toHaveStatus(404);
    await eventually(async () => expect(await remaining(id)).toEqual(gone), 15_000);
    expect(runsOf([restarted], id).length).toBeGreaterThanOrEqual(1);
    await restarted.stop();
  });
});
