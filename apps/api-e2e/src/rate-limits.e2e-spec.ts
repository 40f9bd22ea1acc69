import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { openStream } from './support/stream-client';
import { nthRespelling, respellings } from './support/token-spellings';
import { API_AUDIENCE, TestIssuer } from './support/test-issuer';

const tooMany = { title: expect.any(String), errorCode: 'TooManyRequests', errorId: expect.any(String) };

describeLocal('rate limits per client address and per token', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  // One trusted proxy hop: each test speaks from addresses of its own through X-Forwarded-For.
  const from = (address: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...headers });
  const get = (path: string, headers: Record<string, string>) => fetch(`${sut.url}${path}`, { headers });

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, RATE_LIMIT_PER_IP: '20', RATE_LIMIT_PER_TOKEN: '5', RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY_HOPS: '1' });
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
  });

  it('a token over its limit gets 429 with Retry-After and the error body; other tokens and anonymous callers go on', async () => {
    const [hasty, calm] = await Promise.all([idp.accessToken('hasty'), idp.accessToken('calm')]);
    const asHasty = { authorization: `Bearer ${hasty}` };
    for (let i = 0; i < 5; i++) await expect(await get('/user', from('198.51.100.1', asHasty))).toHaveStatus(200);
    const refused = await get('/user', from('198.51.100.2', asHasty)); // another address does not help
    await expect(refused).toHaveStatus(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual(tooMany);
    await expect(await get('/user', from('198.51.100.1', { authorization: `Bearer ${calm}` }))).toHaveStatus(200);
    await expect(await get('/user', from('198.51.100.1'))).toHaveStatus(200);
  });

  it('counts every spelling of a token against its one limit: no re-encoding gets 200 beyond it', async () => {
    const token = await idp.accessToken('respelled');
    for (let i = 0; i < 5; i++) await expect(await get('/user', from('198.51.100.20', { authorization: `Bearer ${token}` }))).toHaveStatus(200);
    const spellings = [...Object.values(respellings(token)), ...Array.from({ length: 26 }, (_, n) => nthRespelling(token, n))];
    const statuses: number[] = [];
    // Each from an address of its own, so only the token's limit can refuse it.
    for (const [n, spelling] of spellings.entries()) statuses.push((await get('/user', from(`198.51.100.${30 + n}`, { authorization: `Bearer ${spelling}` }))).status);
    expect(statuses).toEqual(Array(30).fill(429));
  });

  it('an address over its limit gets 429 on every route, before its tokens are verified; other addresses and probes go on', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, () => get('/user', from('203.0.113.9')).then((res) => res.status)));
    expect(statuses).toEqual(Array(20).fill(200));
    const refused = await get('/v1/users', from('203.0.113.9', { authorization: 'Bearer not.a.token' }));
    await expect(refused).toHaveStatus(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toEqual(tooMany);
    await expect(await get('/health/ready', from('203.0.113.9'))).toHaveStatus(200);
    await expect(await get('/user', from('203.0.113.10'))).toHaveStatus(200);
    // A stream upgrade counts against the same address.
    await expect(openStream(sut.url, { token: await idp.accessToken('hasty'), headers: from('203.0.113.9') })).rejects.toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^\d+$/) });
  });

  it('trusts only the entry the proxy appended: a forged X-Forwarded-For prefix does not get a fresh address', async () => {
    for (let i = 0; i < 20; i++) await get('/user', from('forged-1, 192.0.2.50'));
    await expect(await get('/user', from('forged-2, 192.0.2.50'))).toHaveStatus(429);
  });
});
