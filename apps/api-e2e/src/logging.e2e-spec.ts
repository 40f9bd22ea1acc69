import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

describeLocal('request logs', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest()));
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
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorId: string }).errorId).toBe('trace-bad-json');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = sut.service!.logs().filter((line) => (line.req as { id?: string })?.id === 'trace-bad-json');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { method: 'POST', url: '/user/update' }, res: { statusCode: 400 }, msg: 'request completed' });
  });
});
