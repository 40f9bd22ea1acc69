import { fakeSockets, tick } from '../testing/fake-sockets';
import { Configuration } from './configuration';
import { followEvents } from './event-stream';

const event = (eventId: string) => ({ eventId, type: 'user.updated' });

function harness(options: Parameters<typeof followEvents>[1] = {}) {
  const { sockets, webSocket } = fakeSockets();
  const configuration = new Configuration({ basePath: 'https://svc', accessToken: () => 'tok', webSocket });
  return { sockets, stream: followEvents(configuration, { minDelayMs: 1, maxDelayMs: 2, ...options }) };
}

describe('followEvents', () => {
  it('connects after the given event and reconnects after the last one received', async () => {
    const { sockets, stream } = harness({ after: 'e0' });
    await tick();
    expect(sockets[0].url).toBe('wss://svc/v1/events/stream?after=e0');
    sockets[0].send(event('e1'));
    sockets[0].send(event('e2'));
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
    for (const id of ['e1', 'e2', 'e3', 'e4']) sockets[0].send(event(id));
    expect(sockets[0].closedWith).toBe(1000);
    sockets[0].drop(1000);
    await tick(20);
    expect(sockets).toHaveLength(1);
    for (const id of ['e1', 'e2']) expect((await stream.next()).value).toMatchObject({ eventId: id });
    await tick();
    expect(sockets[1].url).toBe('wss://svc/v1/events/stream?after=e4');
    stream.close();
  });

  it('hands an event straight to a waiting reader and resumes after it', async () => {
    const { sockets, stream } = harness();
    await tick();
    const waiting = stream.next();
    sockets[0].send(event('e1'));
    expect((await waiting).value).toMatchObject({ eventId: 'e1' });
    expect(stream.lastEventId).toBe('e1');
    sockets[0].drop(1006);
    await tick(20);
    expect(sockets[1].url).toBe('wss://svc/v1/events/stream?after=e1');
    stream.close();
  });
});
