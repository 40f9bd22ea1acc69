import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { RunningService, startService, testSecretKey } from './support/service';
import { createTestDatabase, TestDatabase } from './support/database';
import { describeLocal } from './support/service-under-test';
import { signIn } from './support/sign-in';
import { openStream } from './support/stream-client';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

type Profile = { id: string; name?: string };

describeLocal('/user/stream over WebSocket', () => {
  let idp: TestIssuer;
  let database: TestDatabase;
  let a: RunningService;
  let b: RunningService;
  const adminKey = newAccessKey('sc_admin');

  const post = (service: RunningService, path: string, token: string, body?: object) =>
    fetch(`${service.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });

  beforeAll(async () => {
    idp = await TestIssuer.start();
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, STREAM_MAX_PER_USER: '3', STREAM_MAX_BUFFER_BYTES: '65536', STREAM_HEARTBEAT_MS: '500' };
    [a, b] = await Promise.all([startService(env), startService(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database.drop();
    await idp.stop();
  });

  it('sends the profile first, then one frame per change in order; a plain GET still answers', async () => {
    const { token, profile } = await signIn<Profile>(a.url, idp, 'streamer');
    const stream = await openStream(a.url, { token });
    expect(((await stream.waitFrames(1))[0] as Profile).id).toBe(profile.id);
    for (const name of ['One', 'Two', 'Three']) await expect(await post(a, '/user/update', token, { name })).toHaveStatus(200);
    await expect(await post(a, '/user/update/vanity', token, { vanityname: 'streamer-1' })).toHaveStatus(200);
    const frames = (await stream.waitFrames(5)) as Array<Profile & { vanityname?: string }>;
    expect(frames.slice(1).map((frame) => frame.name)).toEqual(['One', 'Two', 'Three', 'Three']);
    expect(frames[4].vanityname).toBe('streamer-1');
    const plain = await fetch(`${a.url}/user/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await plain.json()) as Profile).name).toBe('Three');
    stream.socket.close();
  });

  it('takes the token from the query string or the roster.bearer subprotocol, echoing only the protocol name; and strips it from logs', async () => {
    const { token } = await signIn<Profile>(a.url, idp, 'carrier');
    const byQuery = await openStream(a.url, { token, via: 'query' });
    await byQuery.waitFrames(1);
    const byProtocol = await openStream(a.url, { token, via: 'protocol' });
    expect(byProtocol.socket.protocol).toBe('roster.bearer');
    await byProtocol.waitFrames(1);
    byQuery.socket.close();
    byProtocol.socket.close();
    expect(a.stdout()).not.toContain(token);
  });

  it('refuses the upgrade with 401 for a missing or bad token, and caps connections per user with 429', async () => {
    await expect(openStream(a.url)).rejects.toMatchObject({ status: 401 });
    await expect(openStream(a.url, { token: 'bad.token.here' })).rejects.toMatchObject({ status: 401 });
    await expect(openStream(a.url, { token: await clientToken(adminKey, a.url) })).rejects.toMatchObject({ status: 403 });
    const { token } = await signIn<Profile>(a.url, idp, 'crowd');
    const open = await Promise.all([1, 2, 3].map(() => openStream(a.url, { token })));
    await expect(openStream(a.url, { token })).rejects.toMatchObject({ status: 429 });
    open.forEach((stream) => stream.socket.close());
  });

  it('sends null and closes with 1008 on clear of that session and on disconnect', async () => {
    const first = await signIn<Profile>(a.url, idp, 'leaver', { claims: { sid: 'session-1' } });
    const stream = await openStream(a.url, { token: first.token });
    await stream.waitFrames(1);
    await expect(await post(a, '/user/clear', first.token)).toHaveStatus(204);
    await stream.waitFrames(2);
    expect(stream.frames[1]).toBeNull();
    expect(await stream.closed).toEqual({ code: 1008, reason: 'signed out' });

    const second = await signIn<Profile>(a.url, idp, 'leaver', { claims: { sid: 'session-2' } });
    const again = await openStream(b.url, { token: second.token });
    await again.waitFrames(1);
    await expect(await post(a, `/users/${second.profile.id}/disconnect`, await clientToken(adminKey, a.url))).toHaveStatus(200);
    await again.waitFrames(2);
    expect(again.frames[1]).toBeNull();
    expect((await again.closed).code).toBe(1008);
  });

  it('sends null and closes with 1008 when the user is deleted', async () => {
    const { token, profile } = await signIn<Profile>(a.url, idp, 'doomed');
    const stream = await openStream(b.url, { token });
    await stream.waitFrames(1);
    const admin = await clientToken(adminKey, a.url);
    const deleted = await fetch(`${a.url}/v1/users/${profile.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    await expect(deleted).toHaveStatus(202);
    await stream.waitFrames(2);
    expect(stream.frames[1]).toBeNull();
    expect((await stream.closed).code).toBe(1008);
  });

  it('delivers a change made through process A to a subscriber on process B', async () => {
    const { token } = await signIn<Profile>(a.url, idp, 'traveller');
    const onB = await openStream(b.url, { token });
    await onB.waitFrames(1);
    await expect(await post(a, '/user/update', token, { name: 'Across' })).toHaveStatus(200);
    expect(((await onB.waitFrames(2))[1] as Profile).name).toBe('Across');
    onB.socket.close();
  });

  it('recovers when the listening database connection drops: reconnects, resends the current profile, keeps delivering', async () => {
    const { token } = await signIn<Profile>(a.url, idp, 'resilient');
    const onB = await openStream(b.url, { token });
    await onB.waitFrames(1);
    const killed = await database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'roster-listen' AND datname = current_database()`);
    expect(killed.length).toBe(2);
    await onB.waitFrames(2, 10_000); // the resync after reconnecting
    await expect(await post(a, '/user/update', token, { name: 'After the drop' })).toHaveStatus(200);
    const frames = (await onB.waitFrames(3, 10_000)) as Profile[];
    expect(frames.at(-1)!.name).toBe('After the drop');
    onB.socket.close();
  });

  it('closes a stream when its token expires', async () => {
    const { profile } = await signIn<Profile>(a.url, idp, 'brief');
    const now = Math.floor(Date.now() / 1000);
    const stream = await openStream(a.url, { token: await idp.accessToken('brief', { iat: now, exp: now + 2 }) });
    expect(((await stream.waitFrames(1))[0] as Profile).id).toBe(profile.id);
    expect(await stream.closed).toEqual({ code: 1008, reason: 'token expired' });
    expect(stream.frames[1]).toBeNull();
  });

  it('ignores client frames and survives oversized ones', async () => {
    const { token } = await signIn<Profile>(a.url, idp, 'chatty');
    const stream = await openStream(a.url, { token });
    await stream.waitFrames(1);
    stream.socket.send('hello');
    stream.socket.send(JSON.stringify({ event: 'update', data: { name: 'x' } }));
    stream.socket.send('x'.repeat(10_000));
    expect((await stream.closed).code).toBe(1009);
    await expect(await fetch(`${a.url}/health/live`)).toHaveStatus(200);
  });

  it('closes a reader that never reads (no pong by the next heartbeat) while updates keep coming, and memory stays flat', async () => {
    const { token } = await signIn<Profile>(a.url, idp, 'sleeper');
    const stream = await openStream(a.url, { token });
    await stream.waitFrames(1);
    const rss = async () => Number(/process_resident_memory_bytes (\d+)/.exec(await (await fetch(`${a.url}/metrics`)).text())![1]);
    const before = await rss();
    (stream.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    let closed = false;
    void stream.closed.then(() => (closed = true));
    const picture = `https://img.example/${'p'.repeat(1900)}`;
    for (let batch = 0; batch < 200 && !(await isGone()); batch++) {
      const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => post(a, '/user/update', token, { picture: `${picture}${i}` }).then((res) => res.status)));
      expect(statuses).toEqual(Array(10).fill(200));
    }
    expect(await isGone()).toBe(true);
    (stream.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await stream.closed;
    expect(closed).toBe(true);
    expect((await rss()) - before).toBeLessThan(64 * 1024 * 1024);

    /** The server dropped the subscriber: a new connection is under the per-user cap again. */
    async function isGone(): Promise<boolean> {
      const probes = await Promise.all([1, 2, 3].map(() => openStream(a.url, { token }).then((probe) => probe, () => undefined)));
      await Promise.all(probes.map((probe) => probe && (probe.socket.close(), probe.closed)));
      await new Promise((resolve) => setTimeout(resolve, 50)); // the server's side of those closes
      return probes.every(Boolean);
    }
  }, 90_000);
});
