import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { openStream, StreamClient } from './support/stream-client';
import { API_AUDIENCE, TestIssuer } from './support/test-issuer';

describeLocal('/user/stream connect floods', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  const open: StreamClient[] = [];
  // One trusted proxy hop, so the test can speak from several addresses.
  const connect = async (address: string, token?: string) => {
    const stream = await openStream(sut.url, { token, headers: { 'x-forwarded-for': address } });
    open.push(stream);
    return stream;
  };
  const statusOf = (attempt: Promise<unknown>) => attempt.then(() => 101, (error: { status?: number }) => error.status ?? 0);

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, STREAM_MAX_CONNECTIONS: '6', STREAM_MAX_PER_IP: '4', STREAM_MAX_PER_USER: '100', TRUST_PROXY_HOPS: '1' });
  });
  afterAll(async () => {
    open.forEach((stream) => stream.socket.terminate());
    await sut.close();
    await idp.stop();
  });

  async function signedIn(sub: string): Promise<string> {
    const token = await idp.accessToken(sub);
    const res = await fetch(`${sut.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: token }) });
    await expect(res).toHaveStatus(200);
    return token;
  }

  it('caps connections per address (429) and in all (503); a closed one frees its place', async () => {
    const token = await signedIn('watcher');
    for (let i = 0; i < 4; i++) await connect('198.51.100.1', token);
    expect(await statusOf(connect('198.51.100.1', token))).toBe(429);
    await connect('198.51.100.2', token);
    await connect('198.51.100.2', token);
    expect(await statusOf(connect('198.51.100.3', token))).toBe(503);
    const first = open[0];
    first.socket.close();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 100)); // the server's side of the close
    await connect('198.51.100.3', token);
    open.forEach((stream) => stream.socket.close());
    await Promise.all(open.splice(0).map((stream) => stream.closed));
  });

  it('a flood of 300 connects without a valid token is refused, the service keeps serving, and no place stays taken', async () => {
    const flood = Array.from({ length: 300 }, (_, i) => statusOf(connect('203.0.113.66', i % 2 ? 'bad.token.here' : undefined)));
    await expect(await fetch(`${sut.url}/health/live`)).toHaveStatus(200);
    const statuses = await Promise.all(flood);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    // Every refused upgrade gave its place back: the address may open its full share again.
    const token = await signedIn('after-flood');
    for (let i = 0; i < 4; i++) await connect('203.0.113.66', token);
  });
});
