import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

const ROUTE_MAPPING = ['RouterExplorer', 'RoutesResolver'];

/** The JSON lines written before the first request: the start-up log. */
function startUpLog(sut: ServiceUnderTest): Array<Record<string, unknown>> {
  const logs = sut.service!.logs();
  const firstRequest = logs.findIndex((line) => line.req !== undefined);
  return firstRequest < 0 ? logs : logs.slice(0, firstRequest);
}

describeLocal('the docs over plain HTTP, by a name other than localhost', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest({ PUBLIC_URL: 'http://roster.lan:39300' })));
  afterAll(() => sut.close());

  it('GET / redirects to /docs', async () => {
    const res = await fetch(`${sut.url}/`, { redirect: 'manual' });
    await expect(res).toHaveStatus(302);
    expect(res.headers.get('location')).toBe('/docs');
  });

  it('/docs is sent without HSTS or upgrade-insecure-requests, which would blank it in Chromium', async () => {
    const res = await fetch(`${sut.url}/docs`);
    await expect(res).toHaveStatus(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('the start-up log ends with one line giving the API and docs URLs, without the route mapping', () => {
    const log = startUpLog(sut);
    expect(log.at(-1)?.msg).toBe('Roster is ready: API http://roster.lan:39300, docs http://roster.lan:39300/docs');
    expect(log.filter((line) => ROUTE_MAPPING.includes(String(line.context)))).toEqual([]);
  });
});

describeLocal('the docs behind https', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest({ PUBLIC_URL: 'https://roster.example.com/auth', LOG_LEVEL: 'debug' })));
  afterAll(() => sut.close());

  it('/docs is sent with HSTS and upgrade-insecure-requests', async () => {
    const res = await fetch(`${sut.url}/docs`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('GET / redirects to the docs under PUBLIC_URL\'s path', async () => {
    const res = await fetch(`${sut.url}/`, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe('/auth/docs');
  });

  it('the route mapping is still there at debug level', () => {
    const mapping = startUpLog(sut).filter((line) => ROUTE_MAPPING.includes(String(line.context)));
    expect(mapping.length).toBeGreaterThan(20);
    expect(mapping.every((line) => line.level === 20)).toBe(true);
  });
});
