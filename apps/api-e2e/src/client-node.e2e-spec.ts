import { randomUUID } from 'node:crypto';
import { ClientsApi, Configuration, ConsoleApi, EventDto, EventsApi, followEvents, ManagementUsersApi, OverviewApi, ResponseError, streamUser, TenantsApi, UserApi, UserProfile, UsersApi, WebhooksApi } from '@roster/client-node';
import { spawnSync } from 'node:child_process';
import { CLI_JS } from './support/paths';
import { eventually } from './support/eventually';
import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { createTestDatabase, TestDatabase } from './support/database';
import { documentedStatuses, OperationLog } from './support/operation-log';
import { RunningService, startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';
import { startTcpProxy } from './support/tcp-proxy';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

const statusOf = (promise: Promise<unknown>) => promise.then(() => 200, (error) => (error instanceof ResponseError ? error.status : Promise.reject(error)));

describeLocal('the generated Node client (@roster/client-node) against the running service', () => {
  let idp: TestIssuer;
  let database: TestDatabase;
  let service: RunningService;
  let env: Record<string, string>;
  const adminKey = newAccessKey('sc_admin');
  const log = new OperationLog();
  let accessToken: string;

  const config = (parameters: ConstructorParameters<typeof Configuration>[0]) => new Configuration({ basePath: service.url, fetch: log.fetch, ...parameters });
  const admin = () => config({ accessKey: adminKey });
  // A jti makes each token distinct: tokens minted in one second would otherwise be identical, and clear refuses by hash.
  const freshToken = () => idp.accessToken('google-oauth2|ada', { jti: randomUUID() });
  const ada = () => config({ accessToken: () => accessToken });

  beforeAll(async () => {
    idp = await TestIssuer.start();
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey };
    service = await startService(env);
    accessToken = await freshToken();
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
    await idp?.stop();
  });

  it('walks the Pieces operations as Ada: sign-in, reads, If-Match updates, vanity name, beta status, sign-out', async () => {
    expect(await new UserApi(config({})).userSnapshot()).toEqual({});
    expect(await new UserApi(config({})).streamUser()).toBeNull();

    const users = new UsersApi(ada());
    const user = new UserApi(ada());
    const idToken = await idp.idToken('google-oauth2|ada', { email: 'ada@example.com', name: 'Ada Lovelace' });
    const signedIn = await users.authenticateFromOauthToken({ oAuthToken: { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: 3600 } });
    expect(signedIn).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });

    expect((await user.userSnapshot()).user?.id).toBe(signedIn.id);
    expect((await user.refreshUser()).id).toBe(signedIn.id);
    expect((await user.userProviders()).user?.providers?.iterable).toHaveLength(1);
    expect((await user.streamUser())?.id).toBe(signedIn.id);
    expect((await users.usersSpecificUserSnapshot({ user: signedIn.id })).id).toBe(signedIn.id);
    expect(await user.selectUser({ auth0User: { name: 'Augusta Ada', nickname: 'ada' } })).toMatchObject({ name: 'Augusta Ada', username: 'ada' });

    const read = await user.refreshUserRaw();
    const etag = read.response.headers.get('ETag')!;
    const updated = await user.updateUserRaw({ userProfile: { ...read.data, name: 'Countess' }, ifMatch: etag });
    expect(updated.data.name).toBe('Countess');
    expect(updated.response.headers.get('ETag')).not.toBe(etag);
    const stale = await user.updateUser({ userProfile: { ...read.data, name: 'Lost update' }, ifMatch: etag }).catch((error) => error);
    expect(stale).toBeInstanceOf(ResponseError);
    expect(stale).toMatchObject({ status: 412, body: { errorCode: 'PreconditionFailed', errorId: expect.any(String) } });

    expect((await user.userUpdateVanity({ userProfile: { ...updated.data, vanityname: 'countess' } })).vanityname).toBe('countess');
    expect(await user.userBetaStatus({ userBetaStatus: { user: signedIn.id, auth0: { vision: { continuous: true } } } })).toMatchObject({ user: signedIn.id });
    await user.clearUser();
    expect(await statusOf(user.refreshUser())).toBe(401);
    accessToken = await freshToken(); // clear refused the token it was called with
    expect((await users.usersDisconnectUser({ user: signedIn.id })).iterable).toEqual([]);
    expect(await statusOf(user.refreshUser())).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // disconnect refuses tokens issued up to its second
    accessToken = await freshToken();
  });

  it('walks the management operations with the administrator access key, and a new client key of its own', async () => {
    const tenants = new TenantsApi(admin());
    const management = new ManagementUsersApi(admin());
    const clients = new ClientsApi(admin());
    const ada = { id: 'google-oauth2|ada' }; // the management API names users by their userId

    expect(await tenants.createTenant({ tenant: { tenantId: 'acme', data: { name: 'Acme' } } })).toMatchObject({ tenantId: 'acme' });
    expect(await statusOf(tenants.createTenant({ tenant: { tenantId: 'acme' } }))).toBe(409);
    expect((await tenants.getTenants()).tenants.map((tenant) => tenant.tenantId)).toEqual(['acme']);
    expect((await tenants.getTenant({ tenantId: 'acme' })).data?.name).toBe('Acme');
    await tenants.linkTenantUser({ tenantId: 'acme', tenantUser: { userId: ada.id } });
    expect((await management.getUsers({ tenantId: 'acme' })).users.map((user) => user.userId)).toEqual([ada.id]);
    expect(await management.getUser({ userId: ada.id })).toMatchObject({ userId: ada.id, name: 'Countess' });

    const reader = await clients.createClient({ createClientRequest: { name: 'Reporting', permissions: ['users:read'] } });
    expect((await clients.getClients()).clients.map((client) => client.clientId)).toContain(reader.clientId);
    const key = await clients.createAccessKey({ clientId: reader.clientId });
    const seen = new Set<string | null>();
    const readerConfig = config({ accessKey: key.accessKey, fetch: (request: Request) => (seen.add(request.headers.get('Authorization')), log.fetch(request)) });
    expect((await new ManagementUsersApi(readerConfig).getUser({ userId: ada.id })).userId).toBe(ada.id);
    expect((await new ManagementUsersApi(readerConfig).getUsers({ limit: 1 })).users).toHaveLength(1);
    expect(seen.size).toBe(1); // signed once, reused
    expect(await statusOf(new TenantsApi(readerConfig).getTenants())).toBe(403);
    await clients.deleteAccessKey({ clientId: reader.clientId, keyId: key.keyId });
    expect(await statusOf(new ManagementUsersApi(readerConfig).getUser({ userId: ada.id }))).toBe(401);
    expect(await clients.updateClient({ clientId: reader.clientId, updateClientRequest: { name: 'Reporting v2' } })).toMatchObject({ name: 'Reporting v2', permissions: ['users:read'] });
    expect((await clients.getClient({ clientId: reader.clientId })).keys).toEqual([{ keyId: key.keyId, createdTime: expect.any(String), lastUsedTime: expect.any(String), revokedTime: expect.any(String) }]);
    await clients.deleteClient({ clientId: reader.clientId });
    expect(await statusOf(clients.getClient({ clientId: reader.clientId }))).toBe(404);

    await tenants.deleteTenant({ tenantId: 'acme' });
    expect(await statusOf(tenants.getTenant({ tenantId: 'acme' }))).toBe(404);
  });

  it('pages through 250 users with both iterators, each user once', async () => {
    await database.factory.users(Array.from({ length: 250 }, (_, i) => ({ userId: `seed|${i + 1}`, name: `Seed ${i + 1}` })));
    const [{ count }] = await database.query<{ count: string }>(`SELECT count(*) FROM users WHERE deleting_at IS NULL`);
    const management = new ManagementUsersApi(admin());
    let pages = 0;
    for await (const page of management.getUsersPages({ limit: 100 })) pages += page.users.length > 0 ? 1 : 0;
    expect(pages).toBe(Math.ceil(Number(count) / 100));
    const ids: string[] = [];
    for await (const user of management.getUsersAll({ limit: 100 })) ids.push(user.userId);
    expect(ids).toHaveLength(Number(count));
    expect(new Set(ids).size).toBe(ids.length);

    const profiles: string[] = [];
    for await (const profile of new UsersApi(admin()).usersSnapshotAll({ limit: 70 })) profiles.push(profile.id);
    expect(profiles).toHaveLength(ids.length);
    expect(new Set(profiles).size).toBe(profiles.length);
  });

  it('reuses its connections across sequential calls (keep-alive)', async () => {
    const relay = await startTcpProxy(service.port);
    try {
      const api = new UserApi(new Configuration({ basePath: `http://127.0.0.1:${relay.port}`, accessToken: () => accessToken }));
      for (let i = 0; i < 30; i++) await api.userSnapshot();
      // Node's fetch pool opens a second socket while the first is still finishing a response, then reuses both.
      expect(relay.connections()).toBeLessThanOrEqual(2);
    } finally {
      await relay.close();
    }
  });

  it('streams profile changes in order and reconnects by itself after the service restarts', async () => {
    let reconnects = 0;
    const stream = streamUser(ada(), { minDelayMs: 50, maxDelayMs: 500, onReconnect: () => reconnects++ });
    let last: string | undefined;
    // Frames are whole profiles; the service may repeat the current one (e.g. when its listener (re)connects).
    const next = async (): Promise<UserProfile | null> => {
      for (;;) {
        const frame: UserProfile | null = (await stream.next()).value;
        if (JSON.stringify(frame) === last) continue;
        last = JSON.stringify(frame);
        return frame;
      }
    };
    const user = new UserApi(ada());
    try {
      expect((await next())?.name).toBe('Countess');
      for (const name of ['One', 'Two', 'Three']) await user.updateUser({ userProfile: { ...(await user.refreshUser()), name } });
      expect([(await next())?.name, (await next())?.name, (await next())?.name]).toEqual(['One', 'Two', 'Three']);

      expect(await service.stop()).toBe(0);
      service = await startService({ ...env, PORT: String(service.port) });
      expect((await stream.next()).value?.name).toBe('Three'); // the current profile, first after reconnecting
      expect(reconnects).toBeGreaterThan(0);
      await user.updateUser({ userProfile: { ...(await user.refreshUser()), name: 'Four' } });
      expect((await next())?.name).toBe('Four');
    } finally {
      stream.close();
    }
  });

  it('deletes a user asynchronously', async () => {
    const management = new ManagementUsersApi(admin());
    await management.deleteUser({ userId: 'seed|1' });
    expect(await statusOf(management.getUser({ userId: 'seed|1' }))).toBe(404);
    expect(await statusOf(management.deleteUser({ userId: 'seed|1' }))).toBe(404);
  });

  it('walks the webhook operations, paging with getWebhooksAll', async () => {
    const webhooks = new WebhooksApi(admin());
    const created = await webhooks.createWebhook({ createWebhookRequest: { url: 'https://hooks.example.invalid/roster', eventTypes: ['user.*'], description: 'CRM' } });
    expect(created.secret).toMatch(/^whsec_/);
    const second = await webhooks.createWebhook({ createWebhookRequest: { url: 'https://hooks.example.invalid/other', eventTypes: ['*'] } });
    const all = [];
    for await (const webhook of webhooks.getWebhooksAll({ limit: 1 })) all.push(webhook.webhookId);
    expect(all).toEqual([created.webhookId, second.webhookId]);
    expect(await webhooks.getWebhook({ webhookId: created.webhookId })).not.toHaveProperty('secret');
    expect(await webhooks.updateWebhook({ webhookId: created.webhookId, updateWebhookRequest: { description: 'CRM sync' } })).toMatchObject({ description: 'CRM sync' });
    expect((await webhooks.rotateWebhookSecret({ webhookId: created.webhookId })).secret).not.toBe(created.secret);
    const { eventId } = await webhooks.testWebhook({ webhookId: created.webhookId });
    // The name does not resolve: the attempt fails and waits (5 s at least) for its retry.
    let deliveryId = '';
    await eventually(async () => {
      // Seek the test event's own delivery: the user deleted just before may have its user.deleted event delivered too.
      const { deliveries } = await webhooks.getWebhookDeliveries({ webhookId: created.webhookId });
      const delivery = deliveries.find((candidate) => candidate.eventId === eventId);
      expect(delivery).toMatchObject({ eventId, status: 'pending', attempts: [expect.objectContaining({ error: expect.any(String) })] });
      deliveryId = delivery!.deliveryId;
    }, 10_000);
    await webhooks.retryWebhookDelivery({ webhookId: created.webhookId, deliveryId });
    expect(await statusOf(webhooks.retryWebhookDelivery({ webhookId: created.webhookId, deliveryId: randomUUID() }))).toBe(404);
    await webhooks.deleteWebhook({ webhookId: second.webhookId });
    expect(await statusOf(webhooks.getWebhook({ webhookId: second.webhookId }))).toBe(404);
  });

  it('pages the audit log with getEventsAll and follows the live feed across a restart of the service, each event once', async () => {
    const events = new EventsApi(admin());
    const updates: EventDto[] = [];
    for await (const event of events.getEventsAll({ type: ['user.updated'], userId: 'google-oauth2|ada', limit: 2 })) updates.push(event);
    expect(updates.length).toBeGreaterThan(2);
    expect(updates.every((event) => event.type === 'user.updated' && event.actor.id === 'google-oauth2|ada')).toBe(true);
    const newestUpdate = async () => (await events.getEvents({ type: ['user.updated'], userId: 'google-oauth2|ada', limit: 1 })).events[0].eventId;
    const feed = followEvents(admin(), { after: updates[0].eventId, minDelayMs: 50, maxDelayMs: 500 });
    const seen: EventDto[] = [];
    const readThrough = async (eventId: string) => {
      while (seen[seen.length - 1]?.eventId !== eventId) seen.push((await feed.next()).value);
    };
    const user = new UserApi(ada());
    try {
      await user.updateUser({ userProfile: { ...(await user.refreshUser()), name: 'Five' } });
      await readThrough(await newestUpdate());
      expect(await service.stop()).toBe(0);
      service = await startService({ ...env, PORT: String(service.port) });
      await user.updateUser({ userProfile: { ...(await user.refreshUser()), name: 'Six' } });
      await readThrough(await newestUpdate());
      expect(seen.filter((event) => event.type === 'user.updated')).toHaveLength(2);
      expect(new Set(seen.map((event) => event.eventId)).size).toBe(seen.length);
      expect(feed.lastEventId).toBe(seen[seen.length - 1].eventId);
    } finally {
      feed.close();
    }
  });

  // After the audit-log walk, which follows every event recorded after Ada's updates.
  it("walks the administrators' user operations: PATCH with If-Match, sessions, deletion status, overview", async () => {
    const management = new ManagementUsersApi(admin());
    // Another user than Ada, whose events a later test counts.
    const edithToken = await idp.accessToken('google-oauth2|edith', { jti: randomUUID() });
    const signedIn = await new UsersApi(config({})).authenticateFromOauthToken({ oAuthToken: { access_token: edithToken, token_type: 'Bearer' } });
    const read = await management.getUserRaw({ userId: signedIn.id });
    const edited = await management.patchUserRaw({ userId: signedIn.id, ifMatch: read.response.headers.get('etag')!, updateUserRequest: { username: 'ada-admin-edit' } });
    expect(edited.data.username).toBe('ada-admin-edit');
    expect(await statusOf(management.patchUser({ userId: signedIn.id, ifMatch: read.response.headers.get('etag')!, updateUserRequest: { username: 'stale' } }))).toBe(412);
    const { sessions } = await management.getUserSessions({ userId: signedIn.id });
    expect(sessions.length).toBeGreaterThan(0);
    await management.deleteUserSession({ userId: signedIn.id, sessionId: sessions[0].sessionId });
    await management.deleteUserSessions({ userId: signedIn.id });
    expect(await management.getUserDeletion({ userId: signedIn.id })).toEqual({ status: 'none' });
    expect((await new OverviewApi(admin()).getOverview()).users.estimated).toBe(false);
  });

  it('signs in to the console with a one-time link and signs out', async () => {
    const consoleApi = new ConsoleApi(config({}));
    expect(await consoleApi.getConsoleConfiguration()).toEqual({});
    const link = spawnSync(process.execPath, [CLI_JS, 'console-link'], { env: { PATH: process.env.PATH, ...env, PORT: String(service.port) }, encoding: 'utf8' }).stdout;
    const session = await consoleApi.createConsoleSession({ createConsoleSessionRequest: { code: /#code=(\S+)/.exec(link)![1] } });
    await new ConsoleApi(config({ accessToken: session.token })).deleteConsoleSession();
    expect(await statusOf(new OverviewApi(config({ accessToken: session.token })).getOverview())).toBe(401);
  });

  it('called every operation of every generated class, and every status it met is documented for that operation', () => {
    expect(log.missingOperations()).toEqual([]);
    expect(log.calls().filter(({ operationId, status }) => !documentedStatuses(operationId).includes(String(status)))).toEqual([]);
  });
});
