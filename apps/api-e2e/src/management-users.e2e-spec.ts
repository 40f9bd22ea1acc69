import { request } from 'node:http';
import { resolve } from 'node:path';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { authressSdk, sdkFailure, SdkHttpClient } from './support/authress-sdk';
import { WORKSPACE } from './support/paths';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

interface Page {
  users: Array<{ userId: string; name?: string; email?: string }>;
  pagination: { next?: { cursor: string } };
  links: { self: { href: string }; next?: { href: string } };
}

describeLocal('management users API: GET /v1/users, getUser, DELETE', () => {
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_root');
  let admin: ReturnType<typeof callAs>;
  let reader: ReturnType<typeof callAs>;
  let sdk: ReturnType<typeof authressSdk>['client'];
  let http: SdkHttpClient;

  /** Users as [userId, name, email], created now or at `createdAt()` (asked once per user). */
  const insertUsers = (rows: Array<[string, string | null, string | null]>, createdAt?: () => Date) =>
    sut.database!.factory.users(rows.map(([userId, name, email]) => ({ userId, name, email, createdAt: createdAt?.() })));
  const randomlyWithinLast = (ms: number) => () => new Date(Date.now() - Math.random() * ms);
  const page = async (query: string, call = reader): Promise<Page> => {
    const res = await call('GET', `/v1/users?${query}`);
    await expect(res).toHaveStatus(200);
    return (await res.json()) as Page;
  };
  const ids = (result: Page) => result.users.map((user) => user.userId).sort();
  const titleOf = async (res: Response) => ((await res.json()) as { title: string }).title;
  /** The built service's own page statement for `query` (the gram index's for a short filter), with its values. */
  const listSql = async (query: object) => {
    type Built = { statement: { text: string; values(params: object): unknown[] }; params: object };
    const { userListStatement } = (await import(resolve(WORKSPACE, 'dist/apps/api/src/users/user-list.statements.js'))) as { userListStatement: (query: object) => Built };
    const { statement, params } = userListStatement(query);
    return { sql: statement.text, parameters: statement.values(params) };
  };

  async function newClient(permissions: string[]): Promise<string> {
    const { clientId } = (await (await admin('POST', '/v1/clients', { name: permissions.join(' ') || 'none', permissions })).json()) as { clientId: string };
    return ((await (await admin('POST', `/v1/clients/${clientId}/access-keys`)).json()) as { accessKey: string }).accessKey;
  }

  beforeAll(async () => {
    sut = await serviceUnderTest({ ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
    admin = callAs(adminKey, sut.url);
    const readerKey = await newClient(['users:read']);
    reader = callAs(readerKey, sut.url);
    ({ client: sdk, http } = authressSdk(sut.url, readerKey));
  });
  afterAll(() => sut.close());

  it('walks 250 users with limit 7 through the SDK, following links.next.href: none missing, none twice', async () => {
    // Half share one created_at, so the id tie-breaker decides their order.
    await insertUsers(Array.from({ length: 125 }, (_, i) => [`walk|${i}`, `Walker ${i}`, null]), () => new Date('2024-01-01T00:00:00Z'));
    await insertUsers(Array.from({ length: 125 }, (_, i) => [`walk|${125 + i}`, null, `walker${125 + i}@example.com`]), randomlyWithinLast(24 * 3600_000));
    const seen: string[] = [];
    let next: string | undefined = `${http.baseUrl}/v1/users?limit=7&filter=walk%7C`;
    let pages = 0;
    while (next) {
      const { data }: { data: Page } = await http.get<Page>(next);
      expect(data.users.length).toBeLessThanOrEqual(7);
      seen.push(...data.users.map((user) => user.userId));
      expect(Boolean(data.links.next)).toBe(Boolean(data.pagination.next));
      if (!data.links.next) expect(data.pagination).toEqual({});
      next = data.links.next?.href;
      pages++;
    }
    expect(pages).toBe(36);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('sees every user present when the walk started exactly once while others are inserted during it', async () => {
    await insertUsers(Array.from({ length: 250 }, (_, i) => [`conc|${i}`, null, null]), randomlyWithinLast(3600_000));
    const seen: string[] = [];
    let next: string | undefined = `${sut.url}/v1/users?limit=7&filter=conc%7C`;
    for (let round = 0; next; round++) {
      const { data }: { data: Page } = await http.get<Page>(next);
      seen.push(...data.users.map((user) => user.userId));
      // New users land before, among and after the pages already read.
      await insertUsers([[`conc|new-${round}-a`, null, null]], randomlyWithinLast(3600_000));
      await insertUsers([[`conc|new-${round}-b`, null, null]]);
      next = data.links.next?.href;
    }
    const original = seen.filter((id) => !id.includes('new-'));
    expect(original).toHaveLength(250);
    expect(new Set(original).size).toBe(250);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reads a user through the SDK, with |, /, :, @ and spaces in the id (%2F does not split the route)', async () => {
    await insertUsers([['samlp|acme:ada@example.com/a b', 'Ada Path', null]]);
    const { data } = await sdk.users.getUser('samlp|acme:ada@example.com/a b');
    expect(data).toMatchObject({ userId: 'samlp|acme:ada@example.com/a b', name: 'Ada Path' });
    await expect(await reader('GET', '/v1/users/samlp%7Cacme%3Aada%40example.com%2Fa%20b')).toHaveStatus(200);
    await expect(await reader('GET', '/v1/users/samlp%7Cacme%3Aada%40example.com/a%20b')).toHaveStatus(404);
  });

  it('matches %, _ and \\ literally, case-insensitively, across userId, name, email, username and vanityname', async () => {
    await insertUsers([
      ['lit|1', '100% Real', null],
      ['lit|2', '1000 Real', null],
      ['lit|3', 'snake_case', null],
      ['lit|4', 'snakeXcase', null],
      ['lit|5', 'back\\slash', null],
      ['lit|6', 'backslash', null],
    ]);
    expect(ids(await page(`filter=${encodeURIComponent('100%')}`))).toEqual(['lit|1']);
    expect(ids(await page(`filter=${encodeURIComponent('e_c')}`))).toEqual(['lit|3']);
    expect(ids(await page(`filter=${encodeURIComponent('k\\s')}`))).toEqual(['lit|5']);
    await sut.database!.factory.user({ userId: 'Field|UID-Qx', name: 'Zed Qy', email: 'ZED.QZ@Example.COM', username: 'qUsErNaMe', vanityname: 'QvAnItY' });
    for (const term of ['uid-qx', 'ZED QY', 'zed.qz@example', 'QUSERNAME', 'qvanity']) expect(ids(await page(`filter=${encodeURIComponent(term)}`))).toEqual(['Field|UID-Qx']);
  });

  it('answers 1- and 2-character filters correctly (the trigram index cannot help; the result must still be right)', async () => {
    await insertUsers([['short|a', 'Öx', null], ['short|b', 'yy', 'q@x.io'], ['short|c', 'xyq', null]]);
    const expected = async (term: string) =>
      (await sut.database!.query<{ user_id: string }>(`SELECT user_id FROM users WHERE deleting_at IS NULL AND position($1 IN lower(user_id || ' ' || coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(username, '') || ' ' || coalesce(vanityname, ''))) > 0`, [term])).map((row) => row.user_id).sort();
    // `lk` (every walk| user: pages of 100 filled from the window of rows in list order, the last from the gram index).
    for (const term of ['q', 'Q', 'yq', 'YY', 'öx', 'lk', 'K|']) {
      const all: string[] = [];
      for (let next: string | undefined = `/v1/users?limit=100&filter=${encodeURIComponent(term)}`; next; ) {
        const result = await page(next.slice(next.indexOf('?') + 1));
        all.push(...result.users.map((user) => user.userId));
        next = result.links.next?.href;
      }
      expect(all.sort()).toEqual(await expected(term.toLowerCase()));
    }
  });

  it('runs the filter through the trigram index: the service’s statement uses the index expression', async () => {
    await insertUsers([['rare|1', 'Zyzzyva Quokka', null]]);
    expect(ids(await page('filter=ZYZZYVA'))).toEqual(['rare|1']);
    // The built service's own statement. With plain scans ruled out, only a matching expression can use the trigram index.
    const { sql, parameters } = await listSql({ filter: 'zyzzyva', limit: 100 });
    await sut.database!.query('SET enable_seqscan = off; SET enable_indexscan = off');
    const plan = (await sut.database!.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, parameters)).map((row) => row['QUERY PLAN']).join('\n');
    await sut.database!.query('RESET enable_seqscan; RESET enable_indexscan');
    expect(plan).toContain('Bitmap Index Scan on users_search_trgm');
  });

  it('runs 1- and 2-character filters through the gram index (no trigram exists for them)', async () => {
    await sut.database!.query('SET enable_seqscan = off; SET enable_indexscan = off');
    try {
      for (const filter of ['q', 'Zy', '%']) {
        const { sql, parameters } = await listSql({ filter, limit: 100 });
        const plan = (await sut.database!.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, parameters)).map((row) => row['QUERY PLAN']).join('\n');
        expect(plan).toContain('Bitmap Index Scan on users_search_grams');
      }
    } finally {
      await sut.database!.query('RESET enable_seqscan; RESET enable_indexscan');
    }
    await insertUsers([['gram|1', '50% off', null], ['gram|2', '50 off', null]]);
    expect(ids(await page(`filter=${encodeURIComponent('%')}&limit=100`)).filter((id) => id.startsWith('gram|'))).toEqual(['gram|1']);
    expect(ids(await page(`filter=${encodeURIComponent('0%')}&limit=100`))).toContain('gram|1');
  });

  it('validates the query: limit 1..100, filter up to 64 characters without control characters, no unknown keys', async () => {
    expect((await page('limit=1')).users).toHaveLength(1);
    expect((await page('')).users).toHaveLength(100);
    for (const limit of ['0', '101', 'abc', '1.5', '-1', '', '1&limit=2']) {
      const res = await reader('GET', `/v1/users?limit=${limit}`);
      await expect(res).toHaveStatus(400);
      expect(await titleOf(res)).toMatch(/^limit/);
    }
    for (const filter of ['x'.repeat(65), 'a%0Ab', 'a%00', '%7F']) {
      const res = await reader('GET', `/v1/users?filter=${filter}`);
      await expect(res).toHaveStatus(400);
      expect(await titleOf(res)).toMatch(/^filter/);
    }
    expect((await page(`filter=${'x'.repeat(64)}`)).users).toEqual([]);
    await expect(await reader('GET', '/v1/users?tenantId=a%2Fb')).toHaveStatus(400);
    expect(await titleOf(await reader('GET', '/v1/users?page=2'))).toContain('page');
  });

  it('refuses forged, garbled, tampered and other-query cursors with 400, never 500', async () => {
    const first = await page('limit=2&filter=walk');
    const cursor = first.pagination.next!.cursor;
    expect((await page(`limit=5&filter=walk&cursor=${encodeURIComponent(cursor)}`)).users).toHaveLength(5);
    const [payload, signature] = cursor.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), i: '00000000-0000-0000-0000-000000000000' })).toString('base64url');
    const bad = [
      'garbage',
      '%FF%FE',
      `${payload}.${'A'.repeat(signature.length)}`,
      `${forgedPayload}.${signature}`,
      `${Buffer.from('{"t":"x"}').toString('base64url')}.${signature}`,
      `${cursor}.extra`,
      'x'.repeat(2000),
    ];
    for (const value of bad) {
      const res = await reader('GET', `/v1/users?limit=2&filter=walk&cursor=${value.startsWith('%') ? value : encodeURIComponent(value)}`);
      expect([value, res.status]).toEqual([value, 400]);
      expect(await res.json()).toMatchObject({ errorCode: expect.any(String), errorId: expect.any(String) });
    }
    for (const other of ['filter=walker', '', 'filter=walk&tenantId=t1']) {
      const res = await reader('GET', `/v1/users?limit=2&${other}&cursor=${encodeURIComponent(cursor)}`);
      await expect(res).toHaveStatus(400);
      expect(await titleOf(res)).toContain('cursor');
    }
  });

  it('answers application/links+json whatever the Accept, with absolute links from PUBLIC_URL, never the Host header', async () => {
    for (const accept of ['application/json', '*/*', 'text/html', 'application/links+json']) {
      const res = await fetch(`${sut.url}/v1/users?limit=1`, { headers: { accept, authorization: (await tokenHeader()) } });
      await expect(res).toHaveStatus(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/links\+json/);
    }
    const body = await new Promise<string>((resolve, reject) => {
      void tokenHeader().then((authorization) => {
        const url = new URL(`${sut.url}/v1/users?limit=3&filter=walk`);
        request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers: { authorization, host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } }, (res) => {
          let data = '';
          res.on('data', (chunk) => (data += chunk)).on('end', () => resolve(data));
        })
          .on('error', reject)
          .end();
      });
    });
    const links = (JSON.parse(body) as Page).links;
    expect(links.self.href).toBe(`${sut.url}/v1/users?limit=3&filter=walk`);
    expect(links.next!.href).toMatch(new RegExp(`^${sut.url}/v1/users\\?limit=3&filter=walk&cursor=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
  });

  it('documents in OpenAPI the media type it serves: application/links+json for the user reads, application/json for their errors', async () => {
    const document = (await (await fetch(`${sut.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
    for (const path of ['/v1/users', '/v1/users/{userId}']) {
      const responses = document.paths[path].get.responses;
      expect([path, Object.keys(responses['200'].content!)]).toEqual([path, ['application/links+json']]);
      expect([path, Object.keys(responses['401'].content!)]).toEqual([path, ['application/json']]);
    }
    await insertUsers([['media|1', 'Media Type', null]]);
    const one = await reader('GET', `/v1/users/${encodeURIComponent('media|1')}`);
    expect(one.headers.get('content-type')).toMatch(/^application\/links\+json/);
    const missing = await reader('GET', '/v1/users/nobody-here');
    await expect(missing).toHaveStatus(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('deletes with 202 and an empty body; the user is gone from get and list at once; a second DELETE is 404', async () => {
    await insertUsers([['gone|x y/z', 'Gone Soon', null]]);
    const deleterKey = await newClient(['users:delete']);
    const deleter = authressSdk(sut.url, deleterKey).http;
    const deleted = await deleter.delete(`/v1/users/${encodeURIComponent('gone|x y/z')}`);
    await expect(deleted).toHaveStatus(202);
    expect(deleted.data).toBe('');
    await expect(await reader('GET', `/v1/users/${encodeURIComponent('gone|x y/z')}`)).toHaveStatus(404);
    expect((await page('filter=gone%20soon')).users).toEqual([]);
    const again = await deleter.delete(`/v1/users/${encodeURIComponent('gone|x y/z')}`).then(() => undefined, sdkFailure);
    expect(again?.status).toBe(404);
    expect(again?.data).toMatchObject({ title: 'The user does not exist.', errorCode: 'NotFound' });
  });

  it('401 without a credential, 403 without the permission, 404 for a missing user, on every users route', async () => {
    const outsider = callAs(await newClient(['tenants:read', 'users:write']), sut.url);
    const routes: Array<[string, string, number | undefined]> = [
      ['GET', '/v1/users', undefined],
      ['GET', '/v1/users/walk%7C1', undefined],
      ['GET', '/v1/users/nobody', 404],
      ['DELETE', '/v1/users/nobody', 404],
    ];
    const reading = callAs(await newClient(['users:read']), sut.url);
    const deleting = callAs(await newClient(['users:delete']), sut.url);
    for (const [method, path, missing] of routes) {
      const anonymous = await fetch(`${sut.url}${path}`, { method });
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
      expect(await anonymous.json()).toMatchObject({ errorCode: 'Unauthorized', errorId: expect.any(String) });
      expect([method, path, (await fetch(`${sut.url}${path}`, { method, headers: { authorization: 'Bearer nope' } })).status]).toEqual([method, path, 401]);
      const denied = await outsider(method, path);
      expect([method, path, denied.status]).toEqual([method, path, 403]);
      expect(await denied.json()).toMatchObject({ errorCode: 'Forbidden', title: expect.any(String), errorId: expect.any(String) });
      if (missing) await expect(await (method === 'GET' ? reading : deleting)(method, path)).toHaveStatus(missing);
    }
    await expect(await reading('DELETE', '/v1/users/walk%7C1')).toHaveStatus(403);
    await expect(await deleting('GET', '/v1/users/walk%7C1')).toHaveStatus(403);
  });

  async function tokenHeader(): Promise<string> {
    return `Bearer ${await clientToken(adminKey, sut.url)}`;
  }
});
