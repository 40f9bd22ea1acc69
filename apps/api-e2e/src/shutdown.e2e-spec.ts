import { connect } from 'node:net';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

describeLocal('graceful shutdown', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest()));
  afterAll(() => sut.close());

  it('finishes a request that is in flight, refuses new connections, and exits 0', async () => {
    // A request whose body is still arriving when SIGTERM lands.
    const socket = connect(sut.service!.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk) => (response += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const body = '{"slow":true}';
    socket.write(`POST /health/live HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n{"slow"`);
    await new Promise((resolve) => setTimeout(resolve, 200));

    sut.service!.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`${sut.url}/health/live`)).rejects.toThrow();

    socket.end(body.slice('{"slow"'.length));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 404 /);
    expect(await sut.service!.exited).toBe(0);
  });
});
