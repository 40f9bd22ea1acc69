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

describeLocal('graceful shutdown under load', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest()));
  afterAll(() => sut.close());

  it('answers every request accepted before SIGTERM, refuses later ones, and exits 0', async () => {
    const inFlight: Array<Promise<number | 'refused'>> = [];
    const fire = () => inFlight.push(fetch(`${sut.url}/metrics`, { headers: { connection: 'close' } }).then((res) => res.status, () => 'refused' as const));
    for (let i = 0; i < 100; i++) fire();
    sut.service!.process.kill('SIGTERM');
    const exitCode = await sut.service!.exited;
    const results = await Promise.all(inFlight);
    expect(exitCode).toBe(0);
    // Requests either completed normally or were refused at connect; none got an error status or a cut response.
    expect(results.filter((result) => result !== 200 && result !== 'refused')).toEqual([]);
    expect(results.filter((result) => result === 200).length).toBeGreaterThan(0);
    await expect(fetch(`${sut.url}/health/live`)).rejects.toThrow();
  });
});
