import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import { Principal } from '../auth/principal';
import { TokenVerifier } from '../auth/token-verifier.service';
import { AppConfig } from '../config/app-config';
import { parseEnvironment } from '../config/environment';
import { ProfilesService } from '../users/profiles.service';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { ProfileEvent, ProfileEvents } from '../profile-changes/profile-events.service';
import { CLOSE_SIGNED_OUT, CLOSE_SLOW_CONSUMER, StreamHub } from './stream-hub.service';

class FakeSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith?: number;
  send(frame: string) {
    this.sent.push(frame);
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = WebSocket.CLOSING;
  }
  terminate() {
    this.readyState = WebSocket.CLOSED;
  }
  ping() {}
}

describe('StreamHub', () => {
  let listener: (event: ProfileEvent | 'resync') => void;
  let version = 1;
  let valid = true;
  const user = () => Object.assign(new UserEntity(), { id: 'u1', version });
  const hub = new StreamHub(
    new AppConfig(parseEnvironment({ STREAM_MAX_BUFFER_BYTES: '2048', STREAM_HEARTBEAT_MS: '100000' }), 'postgres://x/y', 'k'.repeat(32), false),
    { verifyFresh: async () => (valid ? ({} as Principal) : Promise.reject(new Error('revoked'))) } as unknown as TokenVerifier,
    { findById: async () => ({ user: user(), identities: [] }) } as unknown as UsersRepository,
    { profileOf: ({ user: u }: { user: UserEntity }) => ({ id: u.id, version: u.version }) } as unknown as ProfilesService,
    { subscribe: (l: typeof listener) => (listener = l) } as unknown as ProfileEvents,
  );
  const principal = { kind: 'user', userId: 'u1', expiresAt: Date.now() / 1000 + 3600 } as Principal & { kind: 'user' };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  afterAll(() => hub.onApplicationShutdown());

  it('sends the current profile first and then once per new version', async () => {
    const socket = new FakeSocket();
    hub.attach(socket as unknown as WebSocket, principal, 't');
    await settle();
    listener({ userId: 'u1', kind: 'changed' }); // same version: nothing new
    version = 2;
    listener({ userId: 'u1', kind: 'changed' });
    await settle();
    expect(socket.sent.map((frame) => JSON.parse(frame).version)).toEqual([1, 2]);
    socket.emit('close');
  });

  it('closes a subscriber whose unsent frames would pass the buffer limit, without sending more', async () => {
    const socket = new FakeSocket();
    hub.attach(socket as unknown as WebSocket, principal, 't');
    await settle();
    socket.bufferedAmount = 4096;
    version = 3;
    listener({ userId: 'u1', kind: 'changed' });
    await settle();
    expect(socket.closedWith).toBe(CLOSE_SLOW_CONSUMER);
    expect(socket.sent).toHaveLength(1);
    expect(hub.countFor('u1')).toBe(0);
  });

  it('sends null and closes with 1008 when the token no longer verifies', async () => {
    const socket = new FakeSocket();
    hub.attach(socket as unknown as WebSocket, principal, 't');
    await settle();
    valid = false;
    listener({ userId: 'u1', kind: 'auth' });
    await settle();
    expect(socket.sent.at(-1)).toBe('null');
    expect(socket.closedWith).toBe(CLOSE_SIGNED_OUT);
  });
});
