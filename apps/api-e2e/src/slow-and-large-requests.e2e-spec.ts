import { connect } from 'node:net';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

/** Sends `head` on a raw connection, then `drip` one byte every 100 ms; resolves with what came back once the server closes. */
function dribble(port: number, head: string, drip: string): Promise<{ response: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let response = '';
    let sent = 0;
    const timer = setInterval(() => socket.writable && socket.write(drip[sent++ % drip.length]), 100);
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after 20 s; got ${JSON.stringify(response)}`));
    }, 20_000);
    socket.on('data', (chunk) => (response += chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ response, ms: Date.now() - started });
    });
  });
}

describeLocal('slow and large requests', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' })));
  afterAll(() => sut.close());

  it('headers that never finish: 408 and the connection closed, for 50 such clients at once, while others are served', async () => {
    const loris = Array.from({ length: 50 }, () => dribble(sut.service!.port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n', 'X-Slow: aaaa\r\n'));
    await expect(await fetch(`${sut.url}/health/live`)).toHaveStatus(200);
    for (const { response, ms } of await Promise.all(loris)) {
      expect(response).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeLessThan(10_000);
    }
  });

  it('a body that trickles in: 408 and the connection closed once the request timeout passes', async () => {
    const head = 'POST /user/update HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"name":"';
    const { response, ms } = await dribble(sut.service!.port, head, 'a');
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(10_000);
    await expect(await fetch(`${sut.url}/health/live`)).toHaveStatus(200);
  });

  it('a chunked body over BODY_LIMIT is 413 in the error shape, without its length announced', async () => {
    const chunk = new TextEncoder().encode(`"${'x'.repeat(16 * 1024)}",`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => (sent++ < 20 ? controller.enqueue(sent === 1 ? new TextEncoder().encode('[') : chunk) : controller.close()),
    });
    const res = await fetch(`${sut.url}/user/update`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    await expect(res).toHaveStatus(413);
    expect(await res.json()).toEqual({ title: expect.any(String), errorCode: 'PayloadTooLarge', errorId: expect.any(String) });
  });
});
