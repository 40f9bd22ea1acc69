import { get as httpGet, IncomingMessage } from 'node:http';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { assertPieces, contractFetch } from './support/pieces-contract';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { signIn } from './support/sign-in';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

describeLocal('the Pieces API over plain HTTP', () => {
  let idp: TestIssuer;
  /** A second trusted issuer, whose subjects are other people than idp's. */
  let otherIdp: TestIssuer;
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_admin');

  const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
    contractFetch(`${sut.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

  /** Sign-in as the Authress SDK sends it, the answer checked against the contract. */
  const asSdk = { body: { token_type: 'Bearer', expires_in: 3600 }, fetch: contractFetch };

  beforeAll(async () => {
    [idp, otherIdp] = await Promise.all([TestIssuer.start(), TestIssuer.start()]);
    sut = await serviceUnderTest({ OIDC_ISSUERS: `${idp.issuer},${otherIdp.issuer}`, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, PUBLIC_URL: 'http://roster.example' });
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
    await otherIdp.stop();
  });

  it('the contract check itself rejects what the Python SDK would reject', () => {
    expect(() => assertPieces('UserProfile', { id: 'x' })).toThrow(/aesthetics/);
    expect(() => assertPieces('UserProfile', { id: 'x', aesthetics: { theme: { dark: false }, font: { size: 12.5 } } })).toThrow(/integer/);
    expect(() => assertPieces('UserProfile', { id: 'x', aesthetics: { theme: { dark: false }, font: { size: 12 } }, providers: { iterable: [{ type: 'okta', user_id: 'a', created: { value: '2024-01-01T00:00:00.000Z' }, updated: { value: '2024-01-01T00:00:00.000Z' } }] } })).toThrow(/allowed values/);
  });

  it('answers anonymous callers as documented', async () => {
    expect(await json(await call('GET', '/user'))).toEqual({});
    const stream = await call('GET', '/user/stream');
    await expect(stream).toHaveStatus(200);
    expect(await stream.text()).toBe('null');
    await expect(await call('POST', '/user/beta/status', undefined, { user: 'x' })).toHaveStatus(511);
    await expect(await call('POST', '/user/update/vanity', undefined, { vanityname: 'x' })).toHaveStatus(511);
    for (const [method, path] of [['GET', '/users'], ['GET', '/users/x'], ['POST', '/users/x/disconnect'], ['POST', '/user/select'], ['POST', '/user/clear'], ['GET', '/user/refresh'], ['POST', '/user/update'], ['GET', '/user/providers']]) {
      const res = await call(method, path, undefined, method === 'POST' ? {} : undefined);
      expect([method, path, res.status]).toEqual([method, path, 401]);
      expect(await json(res)).toMatchObject({ errorCode: 'Unauthorized' });
    }
  });

  it('accepts an ID token in from_token only with a client audience, and an access token only with the API audience', async () => {
    const wrong = await call('POST', '/users/authenticate/from_token', undefined, { access_token: await idp.idToken('mallory'), token_type: 'Bearer', expires_in: 60 });
    await expect(wrong).toHaveStatus(401);
    // The access token is valid, so only the ID token's audience refuses this.
    const idAsAccess = await call('POST', '/users/authenticate/from_token', undefined, { access_token: await idp.accessToken('mallory'), id_token: await idp.accessToken('mallory') });
    await expect(idAsAccess).toHaveStatus(401);
    expect(await sut.database!.query(`SELECT 1 FROM identities WHERE subject = 'mallory'`)).toEqual([]);
  });

  it("refuses an ID token whose audience is roster-cli from any issuer but Roster's own", async () => {
    const res = await call('POST', '/users/authenticate/from_token', undefined, { access_token: await idp.accessToken('cli-impostor'), id_token: await idp.idToken('cli-impostor', { aud: 'roster-cli', azp: 'roster-cli' }) });
    await expect(res).toHaveStatus(401);
    expect(await json(res)).toMatchObject({ errorCode: 'Unauthorized' });
    expect(await sut.database!.query(`SELECT 1 FROM identities WHERE subject = 'cli-impostor'`)).toEqual([]);
  });

  describe('from_token with both tokens: both verify and name the same issuer and subject', () => {
    const both = async (accessToken: string, sub = 'pair') => call('POST', '/users/authenticate/from_token', undefined, { access_token: accessToken, id_token: await idp.idToken(sub), token_type: 'Bearer', expires_in: 3600 });

    it('a valid ID token with a garbage access token is 401', async () => {
      const res = await both('garbage');
      await expect(res).toHaveStatus(401);
      expect(await json(res)).toMatchObject({ errorCode: 'Unauthorized' });
    });

    it("a valid ID token with another subject's access token is 401", async () => {
      await expect(await both(await idp.accessToken('pair-other'))).toHaveStatus(401);
    });

    it('a valid ID token with an access token of the same subject from another trusted issuer is 401', async () => {
      await expect(await otherIdp.accessToken('pair').then((token) => call('GET', '/user', token))).toHaveStatus(200);
      await expect(await both(await otherIdp.accessToken('pair'))).toHaveStatus(401);
    });

    it('a matching pair is 200, and nothing was stored by the refused ones', async () => {
      expect(await sut.database!.query(`SELECT 1 FROM identities WHERE subject = 'pair'`)).toEqual([]);
      const res = await both(await idp.accessToken('pair'));
      await expect(res).toHaveStatus(200);
      expect(await json(res)).toMatchObject({ email: 'pair@example.com' });
    });
  });

  it('sends an ETag and honours If-Match on update (412 when stale, nothing written)', async () => {
    const { token, etag } = await signIn(sut.url, idp, 'ifmatch', asSdk);
    const first = await call('POST', '/user/update', token, { name: 'One' }, { 'if-match': etag });
    await expect(first).toHaveStatus(200);
    const newEtag = first.headers.get('etag');
    expect(newEtag).not.toBe(etag);
    const stale = await call('POST', '/user/update', token, { name: 'Two' }, { 'if-match': etag });
    await expect(stale).toHaveStatus(412);
    expect(await json(stale)).toMatchObject({ errorCode: 'PreconditionFailed' });
    expect(((await json(await call('GET', '/user', token))).user as { name: string }).name).toBe('One');
    // An If-Match that is no ETag of ours matches nothing: 412 as well, not a database error.
    for (const ifMatch of ['"not-a-version"', 'W/"x"', '"99999999999999999999"']) await expect(await call('POST', '/user/update', token, { name: 'Three' }, { 'if-match': ifMatch })).toHaveStatus(412);
    expect(((await json(await call('GET', '/user', token))).user as { name: string }).name).toBe('One');
  });

  it('answers GET /user with 304 when If-None-Match names the current ETag, and with the profile when it is stale', async () => {
    const { token } = await signIn(sut.url, idp, 'conditional', asSdk);
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request, which rightly forbids a 304.
    const get = (headers: Record<string, string> = {}) =>
      new Promise<IncomingMessage>((resolve, reject) => httpGet(`${sut.url}/user`, { headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => (res.resume(), resolve(res))).on('error', reject));
    const etag = (await get()).headers.etag!;
    expect(etag).toMatch(/^"\d+"$/);
    expect((await get({ 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get({ 'if-none-match': '"0"' })).statusCode).toBe(200);
  });

  it('merges a partial aesthetics update into the stored one, field by field, and keeps the other columns', async () => {
    const { token, profile } = await signIn(sut.url, idp, 'aesthete', asSdk);
    const read = () => sut.database!.query<{ version: number }>(`SELECT name, email, aesthetics, version FROM users WHERE id = $1`, [profile.id]).then((rows) => rows[0]);
    const before = await read();
    const dark = await json(await call('POST', '/user/update', token, { aesthetics: { theme: { dark: true } } }));
    expect(dark.aesthetics).toEqual({ theme: { dark: true }, font: { size: 12 } });
    const bigger = await json(await call('POST', '/user/update', token, { aesthetics: { font: { size: 18 } } }));
    expect(bigger.aesthetics).toEqual({ theme: { dark: true }, font: { size: 18 } });
    expect(await read()).toEqual({ ...before, aesthetics: { theme: { dark: true }, font: { size: 18 } }, version: before.version + 2 });
    expect(((await json(await call('GET', '/user', token))).user as { aesthetics: unknown }).aesthetics).toEqual(bigger.aesthetics);
    // Found by the soak fuzzer: a null aesthetics was a 500.
    const unchanged = await call('POST', '/user/update', token, { aesthetics: null });
    await expect(unchanged).toHaveStatus(200);
    expect((await json(unchanged)).aesthetics).toEqual(bigger.aesthetics);
    expect(await read()).toEqual({ ...before, aesthetics: bigger.aesthetics, version: before.version + 2 });
  });

  it('refuses bad input with 400/413 naming the field, and writes nothing', async () => {
    const { token, profile } = await signIn(sut.url, idp, 'badinput', asSdk);
    const before = await sut.database!.query(`SELECT name, aesthetics, version FROM users WHERE id = $1`, [profile.id]);
    const cases: Array<[unknown, number, RegExp]> = [
      ['{"name":', 400, /JSON/],
      [{ aesthetics: { font: { size: 'big' } } }, 400, /aesthetics\.font\.size/],
      [{ aesthetics: { theme: { dark: 'yes' } } }, 400, /aesthetics\.theme\.dark/],
      [{ name: 42 }, 400, /^name/],
      [{ name: 'x'.repeat(129) }, 400, /^name/],
      [{ picture: 'javascript:alert(1)' }, 400, /^picture/],
      [[1, 2], 400, /JSON object/],
      [{ name: 'x'.repeat(200_000) }, 413, /too large/],
    ];
    for (const [body, status, title] of cases) {
      const res = await call('POST', '/user/update', token, body);
      await expect(res).toHaveStatus(status);
      expect((await json(res)).title).toMatch(title);
    }
    expect(await sut.database!.query(`SELECT name, aesthetics, version FROM users WHERE id = $1`, [profile.id])).toEqual(before);
  });

  it('ignores unknown and read-only keys the clients send back, but refuses another user id', async () => {
    const { token, profile } = await signIn(sut.url, idp, 'tolerant', asSdk);
    const res = await call('POST', '/user/update', token, { ...profile, name: 'Tolerant', schema: { migration: 0, semantic: 'MAJOR_0_MINOR_0_PATCH_1' }, apiKeys: ['k'], email: 'spoof@example.com', providers: { iterable: 'nope' } });
    await expect(res).toHaveStatus(200);
    const updated = await json(res);
    expect(updated).toMatchObject({ name: 'Tolerant' });
    expect(updated.email).toBeUndefined();
    await expect(await call('POST', '/user/update', token, { id: '00000000-0000-4000-8000-000000000000', name: 'x' })).toHaveStatus(403);
  });

  it('lets exactly one of 20 concurrent claims of a vanity name win; the rest are 409', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(sut.url, idp, `racer-${i}`, asSdk)));
    const statuses = await Promise.all(people.map(({ token }) => call('POST', '/user/update/vanity', token, { vanityname: 'Photo-Finish' }).then((res) => res.status)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const winner = people[statuses.indexOf(200)];
    expect((await json(await call('POST', '/user/update/vanity', winner.token, { vanityname: '' }))).vanityname).toBeUndefined();
    await expect(await call('POST', '/user/update/vanity', people[statuses.indexOf(409)].token, { vanityname: 'photo-finish' })).toHaveStatus(200);
    await expect(await call('POST', '/user/update/vanity', winner.token, { vanityname: 'not a label' })).toHaveStatus(400);
  });

  it('pages GET /users with Link headers over 250 users: none duplicated, none missing', async () => {
    await sut.database!.factory.users(Array.from({ length: 250 }, (_, i) => ({ userId: `paged|${i + 1}` })));
    const expected = (await sut.database!.query<{ id: string }>(`SELECT id FROM users WHERE deleting_at IS NULL`)).map((row) => row.id).sort();
    const admin = await clientToken(adminKey, sut.url);
    const seen: string[] = [];
    let next: string | undefined = '/users?limit=100';
    let pages = 0;
    while (next) {
      const res = await call('GET', next, admin);
      await expect(res).toHaveStatus(200);
      seen.push(...((await res.json()) as { iterable: Array<{ id: string }> }).iterable.map((profile) => profile.id));
      const link = res.headers.get('link');
      const match = link && /^<http:\/\/roster\.example(\/users\?[^>]+)>; rel="next"$/.exec(link);
      next = match ? match[1] : undefined;
      if (link) expect(match).toBeTruthy();
      pages++;
    }
    expect(pages).toBe(Math.ceil(expected.length / 100));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected);
    await expect(await call('GET', '/users?limit=1001', admin)).toHaveStatus(400);
    await expect(await call('GET', '/users?limit=0', admin)).toHaveStatus(400);
    await expect(await call('GET', '/users?cursor=forged.cursor', admin)).toHaveStatus(400);
  });

  it('resolves /users/{user} by uuid or by a userId with reserved characters', async () => {
    await sut.database!.factory.user({ userId: 'oauth2|a b/c@d:e', name: 'Odd' });
    const admin = await clientToken(adminKey, sut.url);
    const res = await call('GET', `/users/${encodeURIComponent('oauth2|a b/c@d:e')}`, admin);
    await expect(res).toHaveStatus(200);
    const profile = await json(res);
    expect(profile.name).toBe('Odd');
    expect(res.headers.get('etag')).toMatch(/^"\d+"$/);
    await expect(await call('GET', `/users/${profile.id}`, admin)).toHaveStatus(200);
    await expect(await call('GET', `/users/${encodeURIComponent('oauth2|a b')}`, admin)).toHaveStatus(404);
  });
});
