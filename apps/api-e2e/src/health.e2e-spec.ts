import { serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

const errorBody = { title: expect.any(String), errorCode: expect.any(String), errorId: expect.any(String) };

describe('health, errors and operations', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest()));
  afterAll(() => sut.close());

  it('answers liveness and readiness', async () => {
    const live = await fetch(`${sut.url}/health/live`);
    await expect(live).toHaveStatus(200);
    const ready = await fetch(`${sut.url}/health/ready`);
    await expect(ready).toHaveStatus(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('answers unknown routes with 404 in the error shape, errorId being the request id', async () => {
    const res = await fetch(`${sut.url}/no/such/route`);
    await expect(res).toHaveStatus(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { errorId: string };
    expect(body).toEqual({ ...errorBody, errorCode: 'NotFound' });
    expect(body.errorId).toBe(res.headers.get('x-request-id'));
    expect(body.errorId).not.toBe('');
  });

  it('answers malformed JSON with 400 and an oversized body with 413, both in the error shape', async () => {
    const bad = await fetch(`${sut.url}/health/live`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    await expect(bad).toHaveStatus(400);
    expect(await bad.json()).toEqual({ ...errorBody, errorCode: 'BadRequest' });
    const big = await fetch(`${sut.url}/health/live`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(200_000) }) });
    await expect(big).toHaveStatus(413);
    const body = (await big.json()) as { errorId: string };
    expect(body).toEqual({ ...errorBody, errorCode: 'PayloadTooLarge' });
    expect(body.errorId).toBe(big.headers.get('x-request-id'));
  });

  it('serves Prometheus metrics with request counts by route', async () => {
    await fetch(`${sut.url}/health/live`);
    const res = await fetch(`${sut.url}/metrics`);
    await expect(res).toHaveStatus(200);
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(text).toContain('http_request_duration_seconds_bucket');
  });

  it('sends security headers and no x-powered-by', async () => {
    const res = await fetch(`${sut.url}/health/live`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('API description', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest()));
  afterAll(() => sut.close());

  it('serves the OpenAPI document generated from the code, and an interactive reference', async () => {
    const res = await fetch(`${sut.url}/openapi.json`);
    await expect(res).toHaveStatus(200);
    const document = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths['/users'].get).toMatchObject({ operationId: 'usersSnapshot', tags: ['Users'] });
    expect(document.paths['/user/update/vanity'].post.operationId).toBe('userUpdateVanity');
    expect(document.paths['/v1/users'].get).toMatchObject({ operationId: 'getUsers', tags: ['ManagementUsers'] });
    const docs = await fetch(`${sut.url}/docs`);
    await expect(docs).toHaveStatus(200);
    expect(await docs.text()).toContain('swagger-ui');
  });
});
