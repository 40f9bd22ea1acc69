import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { eventually } from './support/eventually';
import { ProfileLoad } from './support/profile-load';
import { RunningService, startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';
import { openStream, StreamClient } from './support/stream-client';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { startThrowawayCluster, ThrowawayCluster } from './support/throwaway-cluster';
import { API_AUDIENCE, TestIssuer } from './support/test-issuer';

const WRITERS = 6;
const errorBody = { title: expect.any(String), errorCode: 'ServiceUnavailable', errorId: expect.any(String) };

describeLocal('database faults under load (a throwaway PostgreSQL, reached through a relay that can cut the network)', () => {
  let idp: TestIssuer;
  let cluster: ThrowawayCluster;
  let proxy: TcpProxy;
  let service: RunningService;
  const adminKey = newAccessKey('sc_admin');
  const tokens: string[] = [];
  let stream: StreamClient;
  let watcher: string;
  let load: ProfileLoad | undefined;
  afterEach(() => load?.stop());

  beforeAll(async () => {
    idp = await TestIssuer.start();
    cluster = await startThrowawayCluster();
    proxy = await startTcpProxy(cluster.port);
    service = await startService({
      DATABASE_URL: cluster.url.replace(`:${cluster.port}/`, `:${proxy.port}/`),
      ROSTER_SECRET_KEY: testSecretKey(),
      OIDC_ISSUERS: idp.issuer,
      OIDC_AUDIENCE: API_AUDIENCE,
      ROSTER_ACCOUNT_ID: ACCOUNT_ID,
      ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_QUERY_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'warn',
    });
    for (let writer = 0; writer < WRITERS; writer++) {
      const token = await idp.accessToken(`writer-${writer}`);
      const res = await fetch(`${service.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: token }) });
      await expect(res).toHaveStatus(200);
      tokens.push(token);
    }
    // A user outside the load, so no later write of the load replaces the change it waits for.
    watcher = await idp.accessToken('watcher');
    await expect(await fetch(`${service.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: watcher }) })).toHaveStatus(200);
    stream = await openStream(service.url, { token: watcher });
  });
  afterAll(async () => {
    stream?.socket.terminate();
    await service?.stop();
    await proxy?.close();
    await cluster?.destroy();
    await idp?.stop();
  });

  /** What each writer's user holds now, read past the relay. */
  async function storedProfiles(): Promise<Map<string, { name: string; version: number }>> {
    const client = new Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query<{ user_id: string; name: string; version: number }>(`SELECT user_id, name, version FROM users WHERE user_id LIKE 'writer-%'`);
    await client.end();
    return new Map(rows.map((row) => [row.user_id, row]));
  }

  /** An outage of `ms`, while the load runs: readiness meanwhile, and when it began and ended. */
  async function outage(begin: () => Promise<void> | void, end: () => Promise<void> | void, ms: number) {
    await begin();
    const from = Date.now();
    await sleep(ms);
    const ready = await fetch(`${service.url}/health/ready`);
    const to = Date.now();
    await end();
    return { ready, readyBody: await ready.json(), from, to };
  }

  /** Every request begun in the outage was answered within `boundMs`; those answered before it ended were 503s in the error shape. */
  function expectQuick503s(load: ProfileLoad, { from, to }: { from: number; to: number }, boundMs: number): void {
    const begun = load.attempts.filter((a) => a.startedAt >= from && a.startedAt <= to);
    const answered = begun.filter((a) => a.startedAt + a.ms <= to);
    expect(answered.length).toBeGreaterThanOrEqual(WRITERS);
    expect(answered.filter((a) => a.status !== 503 || a.retryAfter === null)).toEqual([]);
    expect(answered.map((a) => a.body)).toEqual(answered.map(() => errorBody));
    const times = begun.map((a) => a.ms).sort((x, y) => x - y);
    expect(times.at(-1)).toBeLessThan(boundMs);
    process.stdout.write(`  ${answered.length} requests answered during the outage, all 503; median ${times[times.length >> 1]} ms, max ${times.at(-1)} ms\n`);
  }

  async function expectRecovered(load: ProfileLoad, since: number): Promise<void> {
    await eventually(async () => expect(await fetch(`${service.url}/health/ready`)).toHaveStatus(200), 20_000);
    await load.allWritersSucceedSince(since, 20_000);
    // The stream's fan-out connection is back: a change reaches the subscriber.
    const name = `after-${since}`;
    await eventually(async () => expect(await fetch(`${service.url}/user/update`, { method: 'POST', headers: { authorization: `Bearer ${watcher}`, 'content-type': 'application/json' }, body: JSON.stringify({ name }) })).toHaveStatus(200), 10_000);
    await eventually(async () => expect(stream.frames.some((frame) => (frame as { name?: string }).name === name)).toBe(true), 20_000);
    // Jobs too: a deletion is carried out.
    const victim = await idp.accessToken(`victim-${since}`);
    const signedIn = (await (await fetch(`${service.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: victim }) })).json()) as { id: string };
    await expect(await callAs(adminKey, service.url)('DELETE', `/v1/users/${signedIn.id}`)).toHaveStatus(202);
    await eventually(async () => {
      const client = new Client({ connectionString: cluster.url });
      await client.connect();
      const { rowCount } = await client.query('SELECT 1 FROM users WHERE id = $1', [signedIn.id]);
      await client.end();
      expect(rowCount).toBe(0);
    }, 30_000);
  }

  async function expectNoAcknowledgedWriteLost(load: ProfileLoad): Promise<void> {
    const stored = await storedProfiles();
    const problems = tokens.flatMap((_, writer) => load.lostWrites(writer, stored.get(`writer-${writer}`)!));
    expect(problems).toEqual([]);
    const acknowledged = tokens.reduce((sum, _, writer) => sum + load.acknowledgedWrites(writer).length, 0);
    expect(acknowledged).toBeGreaterThan(WRITERS * 3);
  }

  it('PostgreSQL crashes and restarts: 503 with Retry-After at once, readiness red, then everything recovers with no acknowledged write lost', async () => {
    load = new ProfileLoad([service.url], tokens);
    await sleep(1000);
    const window = await outage(() => cluster.stop('immediate'), () => cluster.start(), 4000);
    await expect(window.ready).toHaveStatus(503);
    expect(window.ready.headers.get('retry-after')).not.toBeNull();
    expect(window.readyBody).toEqual(errorBody);
    await expectRecovered(load, Date.now());
    await load.stop();
    // Nothing to wait for: connections are refused at once.
    expectQuick503s(load, window, 2000);
    expect(load.attempts.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    await expectNoAcknowledgedWriteLost(load);
  });

  it('the network to PostgreSQL goes silent: 503 within the connect and query timeouts instead of a hang, then recovery without a restart', async () => {
    load = new ProfileLoad([service.url], tokens);
    await sleep(1000);
    // Longer than connect + query timeouts, so requests that were waiting when it began have failed too.
    const window = await outage(() => proxy.cut(), () => proxy.heal(), 5000);
    await expect(window.ready).toHaveStatus(503);
    await expectRecovered(load, Date.now());
    await load.stop();
    // Connect 1 s, query 2 s (+1 s when the server is silent): no request waits much longer.
    expectQuick503s(load, window, 6000);
    expect(load.attempts.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    await expectNoAcknowledgedWriteLost(load);
  });
});
