import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

describeLocal('request logs', () => {
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_log_admin');
  beforeAll(async () => (sut = await serviceUnderTest({ ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey })));
  const lineOf = async (id: string) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = sut.service!.logs().filter((line) => line.reqId === id);
    expect(lines).toHaveLength(1);
    return lines[0];
  };
  afterAll(() => sut.close());

  it('writes one JSON line per request with id, method, route, status and duration, and no secrets', async () => {
    const secret = 'eyJhbGciOiJFZERTQSJ9.c2VjcmV0LXRva2Vu.c2ln';
    const res = await fetch(`${sut.url}/health/live?access_token=${secret}`, { headers: { authorization: `Bearer ${secret}`, 'x-request-id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = sut.service!.logs().filter((line) => (line.req as { id?: string })?.id === 'trace-abc-123');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { method: 'GET', url: '/health/live?access_token=[redacted]' }, res: { statusCode: 401 }, route: '/health/live', responseTime: expect.any(Number) });
    expect(sut.service!.stdout()).not.toContain(secret);
    expect(sut.service!.stderr()).not.toContain(secret);
  });

  it('logs a request whose body the JSON parser refuses, under the id its error body names', async () => {
    const res = await fetch(`${sut.url}/user/update`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'trace-bad-json' }, body: '{"name":' });
    await expect(res).toHaveStatus(400);
    expect(((await res.json()) as { errorId: string }).errorId).toBe('trace-bad-json');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = sut.service!.logs().filter((line) => (line.req as { id?: string })?.id === 'trace-bad-json');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { method: 'POST', url: '/user/update' }, res: { statusCode: 400 }, msg: 'request completed' });
  });

  it.each([
    ['an anonymous vanity claim (511)', 'POST', '/user/update/vanity', false, 511],
    ['an anonymous beta status with a wrong body (511)', 'POST', '/user/beta/status', false, 511],
    ['an anonymous management read (401)', 'GET', '/v1/users/%00', false, 401],
    ['a NUL in a userId that only PostgreSQL refuses (400)', 'GET', '/v1/users/%00', true, 400],
    ['an unknown path (404)', 'GET', '/nothing-here', false, 404],
    ['a form body (415)', 'POST', '/v1/tenants', true, 415],
  ])('logs %s at info without an error or stack', async (_name, method, path, asAdmin, status) => {
    const id = `trace-${status}-${path.replace(/[^A-Za-z0-9]/g, '')}-${asAdmin}`;
    const headers: Record<string, string> = { 'x-request-id': id, ...(asAdmin ? { authorization: `Bearer ${await clientToken(adminKey, sut.url)}` } : {}) };
    const body = status === 415 ? 'tenantId=formy' : method === 'POST' ? '{"user":5}' : undefined;
    if (body) headers['content-type'] = status === 415 ? 'application/x-www-form-urlencoded' : 'application/json';
    const res = await fetch(`${sut.url}${path}`, { method, headers, body });
    await expect(res).toHaveStatus(status);
    const line = await lineOf(id);
    expect(line).toMatchObject({ level: 30, res: { statusCode: status }, msg: 'request completed' });
    expect(line.err).toBeUndefined();
    expect(JSON.stringify(line)).not.toContain('stack');
  });
});
