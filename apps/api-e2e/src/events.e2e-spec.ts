import { Client } from 'pg';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { eventually } from './support/eventually';
import { RunningService, startService, testSecretKey } from './support/service';
import { createTestDatabase, TestDatabase } from './support/database';
import { describeLocal } from './support/service-under-test';
import { signIn } from './support/sign-in';
import { openStream } from './support/stream-client';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

const PUBLIC_URL = 'https://roster.example.com/base';

interface Event {
  eventId: string;
  type: string;
  occurredAt: string;
  actor: { type: string; id: string };
  requestId: string | null;
  userId?: string;
  tenantId?: string;
  data: Record<string, unknown>;
}
interface Page {
  events: Event[];
  pagination: { next?: { cursor: string } };
  links: { self: { href: string }; next?: { href: string } };
}

describeLocal('events: GET /v1/events, ?after= and /v1/events/stream', () => {
  let idp: TestIssuer;
  let database: TestDatabase;
  let service: RunningService;
  const adminKey = newAccessKey('sc_root');

  /** A call with a bearer token (the admin client's by default) and its own X-Request-Id, which the events it causes carry. */
  async function call(method: string, path: string, options: { body?: object; token?: string; requestId?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const token = options.token ?? (await clientToken(adminKey, service.url));
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...options.headers };
    if (options.requestId) headers['x-request-id'] = options.requestId;
    return fetch(`${service.url}${path}`, { method, headers, body: options.body ? JSON.stringify(options.body) : undefined });
  }
  async function page(query: string, token?: string): Promise<Page> {
    const res = await call('GET', `/v1/events${query}`, { token });
    await expect(res).toHaveStatus(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/links\+json/);
    return (await res.json()) as Page;
  }
  /** Every matching event, oldest first, by walking the newest-first pages through links.next. */
  async function allEvents(query = ''): Promise<Event[]> {
    const events: Event[] = [];
    for (let next: string | undefined = `${PUBLIC_URL}/v1/events?limit=100${query}`; next; ) {
      expect(next.startsWith(`${PUBLIC_URL}/v1/events?`)).toBe(true);
      const got = await page(next.slice(`${PUBLIC_URL}/v1/events`.length));
      events.push(...got.events);
      next = got.links.next?.href;
    }
    return events.reverse();
  }
  const newest = async () => (await page('?limit=1')).events[0];

  beforeAll(async () => {
    idp = await TestIssuer.start();
    database = await createTestDatabase();
    service = await startService({
      DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), PUBLIC_URL, OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID,
      ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, STREAM_MAX_BUFFER_BYTES: '65536', STREAM_HEARTBEAT_MS: '500',
    });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
    await idp?.stop();
  });

  describe('the events of each action', () => {
    it('records the bootstrap admin as the system actor at first start', async () => {
      const events = await allEvents('&actorId=bootstrap');
      expect(events.map(({ type, actor, requestId, data }) => ({ type, actor, requestId, data }))).toEqual([
        { type: 'client.created', actor: { type: 'system', id: 'bootstrap' }, requestId: null, data: { clientId: 'sc_root', name: expect.any(String), permissions: ['*'] } },
        { type: 'client.access_key_created', actor: { type: 'system', id: 'bootstrap' }, requestId: null, data: { clientId: 'sc_root', keyId: expect.any(String) } },
      ]);
    });

    it('records each change once, with its actor, request id, user and tenant; a refused or rolled-back change records nothing', async () => {
      const before = (await allEvents()).length;
      const ada = await signIn(service.url, idp, 'google-oauth2|ada');
      await expect(await call('POST', '/user/update', { token: ada.token, requestId: 'ada-update', body: { name: 'Ada L' } })).toHaveStatus(200);
      await expect(await call('POST', '/user/update', { token: ada.token, requestId: 'ada-same', body: { name: 'Ada L', username: 'ada' } })).toHaveStatus(200);
      await expect(await call('POST', '/user/update', { token: ada.token, requestId: 'ada-stale', body: { name: 'Never' }, headers: { 'if-match': '"1"' } })).toHaveStatus(412);
      await expect(await call('POST', '/user/update/vanity', { token: ada.token, requestId: 'ada-vanity', body: { vanityname: 'ada-l' } })).toHaveStatus(200);
      const bob = await signIn(service.url, idp, 'github|bob');
      // The name is taken: the UPDATE fails on the unique index and its transaction, event included, rolls back.
      await expect(await call('POST', '/user/update/vanity', { token: bob.token, requestId: 'bob-vanity', body: { vanityname: 'ada-l' } })).toHaveStatus(409);
      await expect(await call('POST', '/user/clear', { token: ada.token, requestId: 'ada-clear' })).toHaveStatus(204);
      await expect(await call('POST', `/users/${bob.id}/disconnect`, { token: bob.token, requestId: 'bob-disconnect' })).toHaveStatus(200);
      const admin = (requestId: string, method: string, path: string, body?: object) => call(method, path, { requestId, body });
      await expect(await admin('tenant-create', 'POST', '/v1/tenants', { tenantId: 'acme' })).toHaveStatus(201);
      await expect(await admin('tenant-again', 'POST', '/v1/tenants', { tenantId: 'acme' })).toHaveStatus(409);
      await expect(await admin('tenant-link', 'PATCH', '/v1/tenants/acme/users', { userId: 'github|bob' })).toHaveStatus(204);
      await expect(await admin('bob-signed-out', 'POST', '/users/github%7Cbob/disconnect')).toHaveStatus(200);
      const created = await admin('client-create', 'POST', '/v1/clients', { name: 'app', permissions: ['users:read'] });
      const { clientId } = (await created.json()) as { clientId: string };
      await expect(await admin('client-update', 'PATCH', `/v1/clients/${clientId}`, { name: 'app 2' })).toHaveStatus(200);
      const key = (await (await admin('key-create', 'POST', `/v1/clients/${clientId}/access-keys`)).json()) as { keyId: string; accessKey: string };
      await expect(await admin('key-revoke', 'DELETE', `/v1/clients/${clientId}/access-keys/${key.keyId}`)).toHaveStatus(204);
      await expect(await admin('client-delete', 'DELETE', `/v1/clients/${clientId}`)).toHaveStatus(204);
      await expect(await admin('bob-delete', 'DELETE', '/v1/users/github%7Cbob')).toHaveStatus(202);
      let events: Event[] = [];
      await eventually(async () => {
        events = (await allEvents()).slice(before);
        expect(events.map((event) => event.type)).toContain('user.deleted');
      }, 30_000);
      await expect(await admin('tenant-delete', 'DELETE', '/v1/tenants/acme')).toHaveStatus(204);
      events = (await allEvents()).slice(before);

      const user = (id: string) => ({ type: 'user', id });
      const root = { type: 'client', id: 'sc_root' };
      const signedIn = (id: string) => [
        { type: 'user.created', actor: user(id), requestId: expect.any(String), userId: id, data: { issuer: idp.issuer, version: expect.any(Number) } },
        { type: 'user.signed_in', actor: user(id), requestId: expect.any(String), userId: id, data: { issuer: idp.issuer } },
      ];
      const ADA = 'google-oauth2|ada';
      const BOB = 'github|bob';
      expect(events.map(({ type, actor, requestId, userId, tenantId, data }) => ({ type, actor, requestId, userId, tenantId, data }))).toEqual([
        ...signedIn(ADA),
        { type: 'user.updated', actor: user(ADA), requestId: 'ada-update', userId: ADA, data: { fields: ['name'], version: 2 } },
        { type: 'user.updated', actor: user(ADA), requestId: 'ada-same', userId: ADA, data: { fields: ['username'], version: 3 } },
        { type: 'user.updated', actor: user(ADA), requestId: 'ada-vanity', userId: ADA, data: { fields: ['vanityname'], version: 4 } },
        ...signedIn(BOB),
        { type: 'user.signed_out', actor: user(ADA), requestId: 'ada-clear', userId: ADA, data: { reason: 'clear' } },
        { type: 'user.signed_out', actor: user(BOB), requestId: 'bob-disconnect', userId: BOB, data: { reason: 'disconnect' } },
        { type: 'tenant.created', actor: root, requestId: 'tenant-create', tenantId: 'acme', data: { tenantId: 'acme', name: null } },
        { type: 'tenant.user_linked', actor: root, requestId: 'tenant-link', userId: BOB, tenantId: 'acme', data: { userId: BOB, tenantId: 'acme', previousTenantId: null } },
        { type: 'user.signed_out', actor: root, requestId: 'bob-signed-out', userId: BOB, tenantId: 'acme', data: { reason: 'admin' } },
        { type: 'client.created', actor: root, requestId: 'client-create', data: { clientId, name: 'app', permissions: ['users:read'] } },
        { type: 'client.updated', actor: root, requestId: 'client-update', data: { clientId, fields: ['name'], name: 'app 2', permissions: ['users:read'] } },
        { type: 'client.access_key_created', actor: root, requestId: 'key-create', data: { clientId, keyId: key.keyId } },
        { type: 'client.access_key_revoked', actor: root, requestId: 'key-revoke', data: { clientId, keyId: key.keyId } },
        { type: 'client.deleted', actor: root, requestId: 'client-delete', data: { clientId } },
        { type: 'user.deletion_requested', actor: root, requestId: 'bob-delete', userId: BOB, tenantId: 'acme', data: {} },
        { type: 'user.deleted', actor: { type: 'system', id: 'user-deletion' }, requestId: null, userId: BOB, tenantId: 'acme', data: {} },
        { type: 'tenant.deleted', actor: root, requestId: 'tenant-delete', tenantId: 'acme', data: { tenantId: 'acme' } },
      ]);
      expect(JSON.stringify(events)).not.toContain(key.accessKey.split('.').pop());
      expect(JSON.stringify(events)).not.toContain(ada.token);
      expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    });
  });

  describe('GET /v1/events', () => {
    let reader: string;
    beforeAll(async () => {
      const { clientId } = (await (await call('POST', '/v1/clients', { body: { name: 'auditor', permissions: ['events:read'] } })).json()) as { clientId: string };
      const { accessKey } = (await (await call('POST', `/v1/clients/${clientId}/access-keys`)).json()) as { accessKey: string };
      reader = await clientToken(accessKey, service.url);
      for (const tenantId of ['f-1', 'f-2', 'f-3']) await call('POST', '/v1/tenants', { body: { tenantId } });
    });

    it('needs events:read', async () => {
      const ada = await signIn(service.url, idp, 'google-oauth2|nobody');
      await expect(await call('GET', '/v1/events', { token: ada.token })).toHaveStatus(403);
      await expect(await fetch(`${service.url}/v1/events`)).toHaveStatus(401);
      await page('?limit=1', reader);
    });

    it('filters by type (repeated, comma-separated, area.*), user, actor, tenant and time, newest first, in keyset pages with absolute links', async () => {
      const all = await allEvents();
      const newestFirst = all.slice().reverse();
      const types = (events: Event[]) => events.map((event) => event.type);
      expect(types(await allEvents('&type=tenant.created'))).toEqual(types(all.filter((event) => event.type === 'tenant.created')));
      expect(await allEvents('&type=tenant.created,client.created')).toEqual(all.filter((event) => ['tenant.created', 'client.created'].includes(event.type)));
      expect(await allEvents('&type=tenant.created&type=client.created')).toEqual(all.filter((event) => ['tenant.created', 'client.created'].includes(event.type)));
      expect(await allEvents('&type=user.*')).toEqual(all.filter((event) => event.type.startsWith('user.')));
      expect(await allEvents('&type=*')).toEqual(all);
      expect(await allEvents('&userId=google-oauth2%7Cada')).toEqual(all.filter((event) => event.userId === 'google-oauth2|ada'));
      expect(await allEvents('&actorId=sc_root')).toEqual(all.filter((event) => event.actor.id === 'sc_root'));
      expect(await allEvents('&tenantId=f-2')).toEqual(all.filter((event) => event.tenantId === 'f-2'));
      const middle = all[Math.floor(all.length / 2)].occurredAt;
      expect(await allEvents(`&since=${middle}`)).toEqual(all.filter((event) => event.occurredAt >= middle));
      expect(await allEvents(`&until=${middle}`)).toEqual(all.filter((event) => event.occurredAt < middle));
      // Pages of two, following links.next: the same events, newest first, each once.
      const first = await page('?limit=2&type=tenant.*');
      expect(first.links.self.href).toBe(`${PUBLIC_URL}/v1/events?limit=2&type=tenant.*`);
      expect(first.links.next!.href).toBe(`${PUBLIC_URL}/v1/events?limit=2&type=tenant.*&cursor=${encodeURIComponent(first.pagination.next!.cursor)}`.replace(/\*/g, '*'));
      const walked: Event[] = [];
      for (let next: string | undefined = `${PUBLIC_URL}/v1/events?limit=2&type=tenant.*`; next; ) {
        const got = await page(next.slice(`${PUBLIC_URL}/v1/events`.length));
        expect(got.events.length).toBeLessThanOrEqual(2);
        walked.push(...got.events);
        next = got.links.next?.href;
      }
      expect(walked).toEqual(newestFirst.filter((event) => event.type.startsWith('tenant.')));
    });

    it('answers 400 naming what is wrong', async () => {
      const cases: Array<[string, RegExp]> = [
        ['?type=user.nope', /^type/],
        ['?type=users.*', /^type/],
        ['?limit=0', /^limit/],
        ['?limit=101', /^limit/],
        ['?since=yesterday', /^since/],
        ['?until=2026-13-01T00:00:00Z', /^until/],
        ['?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z', /since must be before until/],
        ['?cursor=garbage', /cursor/],
        ['?after=not-an-id', /^after/],
        ['?color=red', /^color/],
      ];
      for (const [query, title] of cases) {
        const res = await call('GET', `/v1/events${query}`);
        expect([query, res.status]).toEqual([query, 400]);
        expect([query, ((await res.json()) as { title: string }).title]).toEqual([query, expect.stringMatching(title)]);
      }
      // A cursor made for other filters is refused too.
      const cursor = (await page('?limit=1&type=tenant.*')).pagination.next!.cursor;
      await expect(await call('GET', `/v1/events?limit=1&type=client.*&cursor=${encodeURIComponent(cursor)}`)).toHaveStatus(400);
      const after = (await newest()).eventId;
      await expect(await call('GET', `/v1/events?after=${after}&cursor=${encodeURIComponent(cursor)}`)).toHaveStatus(400);
      await expect(await call('GET', '/v1/events?after=00000000-0000-4000-8000-000000000000')).toHaveStatus(404);
    });

    it('?after= pages oldest first from an event and always says where to poll next', async () => {
      const all = await allEvents();
      const from = all[2];
      // Only settled events are paged by position: a transaction open elsewhere on the server may hold them back a moment.
      await eventually(async () => {
        const got = await page(`?after=${from.eventId}&limit=3`);
        expect(got.events).toEqual(all.slice(3, 6));
        expect(got.links.next!.href).toBe(`${PUBLIC_URL}/v1/events?limit=3&after=${all[5].eventId}`);
        const filtered = await page(`?after=${from.eventId}&type=tenant.created`);
        expect(filtered.events).toEqual(all.slice(3).filter((event) => event.type === 'tenant.created'));
      }, 10_000);
      const last = all[all.length - 1];
      const caughtUp = await page(`?after=${last.eventId}`);
      expect(caughtUp.events).toEqual([]);
      expect(caughtUp.links.next!.href).toBe(`${PUBLIC_URL}/v1/events?limit=100&after=${last.eventId}`);
    });

    it('a poller by position never skips a transaction that inserted first and committed last', async () => {
      const start = (await newest()).eventId;
      // A slow writer: its transaction takes its id and position first, and commits last.
      const slow = new Client({ connectionString: database.url });
      await slow.connect();
      try {
        await slow.query('BEGIN');
        await slow.query(`INSERT INTO events (type, actor_type, actor_id, data) VALUES ('tenant.created', 'system', 'slow-writer', '{}')`);
        await expect(await call('POST', '/v1/tenants', { body: { tenantId: 'fast' } })).toHaveStatus(201);
        // The fast change is committed and listed in the audit log, but a poller by position does not get it yet ...
        expect((await page('?limit=1')).events[0].tenantId).toBe('fast');
        expect((await page(`?after=${start}`)).events).toEqual([]);
        await slow.query('COMMIT');
      } finally {
        await slow.end();
      }
      // ... and gets both, in position order, once the slow one has committed.
      await eventually(async () => {
        const got = await page(`?after=${start}`);
        expect(got.events.map((event) => event.actor.id)).toEqual(['slow-writer', 'sc_root']);
      }, 10_000);
    });
  });

  describe('/v1/events/stream', () => {
    const streamPath = (after?: string) => `/v1/events/stream${after ? `?after=${after}` : ''}`;

    it('refuses a caller without events:read (403), without a token (401), and an unknown after (404)', async () => {
      const ada = await signIn(service.url, idp, 'google-oauth2|streamless');
      await expect(openStream(service.url, { token: ada.token, path: streamPath() })).rejects.toMatchObject({ status: 403 });
      await expect(openStream(service.url, { path: streamPath() })).rejects.toMatchObject({ status: 401 });
      const token = await clientToken(adminKey, service.url);
      await expect(openStream(service.url, { token, path: streamPath('00000000-0000-4000-8000-000000000000') })).rejects.toMatchObject({ status: 404 });
      await expect(openStream(service.url, { token, path: streamPath('nope') })).rejects.toMatchObject({ status: 400 });
    });

    it('sends what is recorded after `after`, live, in order; survives losing the LISTEN connection and every database connection; resumes after the last delivered id', async () => {
      const token = await clientToken(adminKey, service.url);
      const start = (await newest()).eventId;
      const stream = await openStream(service.url, { token, via: 'protocol', path: streamPath(start) });
      expect(stream.socket.protocol).toBe('roster.bearer');
      await call('POST', '/v1/tenants', { body: { tenantId: 'live-1' } });
      await call('POST', '/v1/tenants', { body: { tenantId: 'live-2' } });
      const first = (await stream.waitFrames(2, 10_000)) as Event[];
      expect(first.map((event) => event.tenantId)).toEqual(['live-1', 'live-2']);
      // The shared LISTEN connection dies; changes made meanwhile still arrive, once each.
      const killed = await database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'roster-listen' AND datname = current_database()`);
      expect(killed.length).toBeGreaterThan(0);
      for (const tenantId of ['live-3', 'live-4', 'live-5']) await call('POST', '/v1/tenants', { body: { tenantId } });
      await stream.waitFrames(5, 15_000);
      // Every connection of the service dies at once (a database restart, as the service sees it): the follower's
      // reads fail until the pool reconnects, then it continues from its last position.
      await database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      for (const tenantId of ['live-6', 'live-7']) {
        await eventually(async () => expect([201, 409]).toContain((await call('POST', '/v1/tenants', { body: { tenantId } })).status), 15_000);
      }
      const frames = (await stream.waitFrames(7, 15_000)) as Event[];
      expect(frames.map((event) => event.tenantId)).toEqual(['live-1', 'live-2', 'live-3', 'live-4', 'live-5', 'live-6', 'live-7']);
      stream.socket.close();
      // Reconnecting after the last delivered event resumes exactly there.
      await call('POST', '/v1/tenants', { body: { tenantId: 'live-8' } });
      const resumed = await openStream(service.url, { token, path: streamPath(frames[frames.length - 1].eventId) });
      expect(((await resumed.waitFrames(1, 10_000)) as Event[]).map((event) => event.tenantId)).toEqual(['live-8']);
      expect(await allEvents('&type=tenant.created')).toEqual(expect.arrayContaining([...frames, ...resumed.frames]));
      resumed.socket.close();
    });

    it('holds back an event whose transaction commits after a later one, then sends both in position order', async () => {
      const token = await clientToken(adminKey, service.url);
      const stream = await openStream(service.url, { token, path: streamPath((await newest()).eventId) });
      const slow = new Client({ connectionString: database.url });
      await slow.connect();
      try {
        await slow.query('BEGIN');
        await slow.query(`INSERT INTO events (type, actor_type, actor_id, data) VALUES ('tenant.created', 'system', 'slow-writer', '{}')`);
        await call('POST', '/v1/tenants', { body: { tenantId: 'after-slow' } });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(stream.frames).toEqual([]);
        await slow.query('COMMIT');
      } finally {
        await slow.end();
      }
      const frames = (await stream.waitFrames(2, 10_000)) as Event[];
      expect(frames.map((event) => event.actor.id)).toEqual(['slow-writer', 'sc_root']);
      stream.socket.close();
    });

    it('closes a follower whose key is revoked', async () => {
      const { clientId } = (await (await call('POST', '/v1/clients', { body: { name: 'follower', permissions: ['events:read'] } })).json()) as { clientId: string };
      const key = (await (await call('POST', `/v1/clients/${clientId}/access-keys`)).json()) as { keyId: string; accessKey: string };
      const stream = await openStream(service.url, { token: await clientToken(key.accessKey, service.url), path: streamPath() });
      await expect(await call('DELETE', `/v1/clients/${clientId}/access-keys/${key.keyId}`)).toHaveStatus(204);
      expect((await stream.closed).code).toBe(1008);
    });
  });
});
