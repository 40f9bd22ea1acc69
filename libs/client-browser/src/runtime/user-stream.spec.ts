import { fakeSockets, tick } from '../testing/fake-sockets';
import { Configuration } from './configuration';
import { streamUser } from './user-stream';

function harness(accessToken: Configuration['parameters']['accessToken'], bufferSize?: number) {
  const { sockets, webSocket } = fakeSockets();
  const configuration = new Configuration({ basePath: 'https://svc', accessToken, webSocket });
  return { sockets, stream: streamUser(configuration, { minDelayMs: 1, maxDelayMs: 2, bufferSize }) };
}

describe('streamUser', () => {
  it('connects to wss://…/user/stream with the token and yields frames in order', async () => {
    const { sockets, stream } = harness('tok');
    await tick();
    expect(sockets[0]).toMatchObject({ url: 'wss://svc/user/stream', token: 'tok' });
    sockets[0].send({ id: 'a', name: '1' });
    sockets[0].send({ id: 'a', name: '2' });
    expect((await stream.next()).value).toEqual({ id: 'a', name: '1' });
    expect((await stream.next()).value).toEqual({ id: 'a', name: '2' });
    stream.close();
    expect(sockets[0].closedWith).toBe(1000);
    expect((await stream.next()).done).toBe(true);
  });

  it('reconnects with back-off when the connection drops, asking the provider for a fresh token', async () => {
    let n = 0;
    const { sockets, stream } = harness(() => `t${++n}`);
    await tick();
    sockets[0].drop(1006);
    await tick(20);
    expect(sockets).toHaveLength(2);
    expect(sockets[1].token).toBe('t2');
    sockets[1].send({ id: 'a' });
    expect((await stream.next()).value).toEqual({ id: 'a' });
    stream.close();
  });

  it('yields null on sign-out and ends when the token is fixed', async () => {
    const { sockets, stream } = harness('tok');
    await tick();
    sockets[0].send(null);
    sockets[0].drop(1008);
    expect(await stream.next()).toEqual({ value: null, done: false });
    expect((await stream.next()).done).toBe(true);
    await tick(20);
    expect(sockets).toHaveLength(1);
  });

  it('keeps the newest bufferSize frames for a reader that falls behind', async () => {
    const { sockets, stream } = harness('tok', 2);
    await tick();
    for (const name of ['1', '2', '3']) sockets[0].send({ id: 'a', name });
    expect((await stream.next()).value).toEqual({ id: 'a', name: '2' });
    expect((await stream.next()).value).toEqual({ id: 'a', name: '3' });
    stream.close();
  });
});
