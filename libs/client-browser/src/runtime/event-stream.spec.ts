import { Configuration, WebSocketLike } from './configuration';
import { followEvents } from './event-stream';

class FakeSocket implements WebSocketLike {
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  closedWith: number | undefined;
  constructor(readonly url: string, readonly token: string | undefined) {}
  send(eventId: string) {
    this.onmessage?.({ data: JSON.stringify({ eventId, type: 'user.updated' }) });
  }
  drop(code: number) {
    this.onclose?.({ code, reason: '' });
  }
  close(code?: number) {
    this.closedWith = code;
  }
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

function harness(options: Parameters<typeof followEvents>[1] = {}) {
  const sockets: FakeSocket[] = [];
  const configuration = new Configuration({ basePath: 'https://svc', accessToken: () => 'tok', webSocket: (url, token) => sockets[sockets.push(new FakeSocket(url, token)) - 1] });
  return { sockets, stream: followEvents(configuration, { minDelayMs: 1, maxDelayMs: 2, ...options }) };
}

describe('followEvents', () => {
  it('connects after the given event and reconnects after the last one received', async () => {
    const { sockets, stream } = harness({ after: 'e0' });
    await tick();
    expect(sockets[0].url).toBe('wss://svc/v1/events/stream?after=e0');
    sockets[0].send('e1');
    sockets[0].send('e2');
    sockets[0].drop(1006);
    await tick(20);
    expect(sockets[1].url).toBe('wss://svc/v1/events/stream?after=e2');
    expect((await stream.next()).value).toMatchObject({ eventId: 'e1' });
    expect((await stream.next()).value).toMatchObject({ eventId: 'e2' });
    expect(stream.lastEventId).toBe('e2');
    stream.close();
  });

  it('stops reading when its buffer is full and resumes after the last held event once the reader catches up', async () => {
    const { sockets, stream } = harness({ bufferSize: 4 });
    await tick();
    expect(sockets[0].url).toBe('wss://svc/v1/events/stream');
    for (const id of ['e1', 'e2', 'e3', 'e4']) sockets[0].send(id);
    expect(sockets[0].closedWith).toBe(1000);
    sockets[0].drop(1000);
    await tick(20);
    expect(sockets).toHaveLength(1);
    for (const id of ['e1', 'e2']) expect((await stream.next()).value).toMatchObject({ eventId: id });
    await tick();
    expect(sockets[1].url).toBe('wss://svc/v1/events/stream?after=e4');
    stream.close();
  });
});
