import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { STREAM_CLOSE_CODES } from '@roster/dto';
import { WebSocket } from 'ws';
import { Principal } from '../auth/principal';
import { TokenVerifier } from '../auth/token-verifier.service';
import { AppConfig } from '../config/app-config';
import { databaseUnavailable } from '../database/postgres-errors';
import { ProfilesService } from '../users/profiles.service';
import { UsersRepository } from '../users/users.repository';
import { ProfileEvent, ProfileEvents } from './profile-events.service';

export const CLOSE_SIGNED_OUT = STREAM_CLOSE_CODES.signedOut;
export const CLOSE_SLOW_CONSUMER = STREAM_CLOSE_CODES.slowConsumer;

interface Subscriber {
  socket: WebSocket;
  userId: string;
  token: string;
  alive: boolean;
  lastVersion: number;
  expiry: NodeJS.Timeout;
}

/** Local subscribers of /user/stream, one set per user; frames are sent in order, once per change. */
@Injectable()
export class StreamHub implements OnApplicationShutdown {
  private readonly byUser = new Map<string, Set<Subscriber>>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly verifier: TokenVerifier,
    private readonly users: UsersRepository,
    private readonly profiles: ProfilesService,
    events: ProfileEvents,
  ) {
    events.subscribe((event) => (event === 'resync' ? this.resync() : this.enqueue(event)));
    this.heartbeat = setInterval(() => this.beat(), config.stream.heartbeatMs);
    this.heartbeat.unref();
  }

  countFor(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** A verified upgrade: register it and send the current profile as the first frame. */
  attach(socket: WebSocket, principal: Principal & { kind: 'user' }, token: string): void {
    const userId = principal.userId!;
    const subscriber: Subscriber = { socket, userId, token, alive: true, lastVersion: 0, expiry: setTimeout(() => this.signOut(subscriber, 'token expired'), Math.max(0, principal.expiresAt * 1000 - Date.now())) };
    subscriber.expiry.unref();
    const set = this.byUser.get(userId) ?? new Set();
    set.add(subscriber);
    this.byUser.set(userId, set);
    socket.on('pong', () => (subscriber.alive = true));
    socket.on('message', () => undefined); // clients have nothing to say; pings are answered by ws itself
    socket.on('error', () => socket.terminate());
    socket.on('close', () => this.detach(subscriber));
    this.enqueue({ userId, kind: 'changed' });
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const set of this.byUser.values()) for (const subscriber of set) subscriber.socket.close(STREAM_CLOSE_CODES.goingAway, 'server shutting down');
  }

  /** Per-user queue: events for one user are handled one after another, so frames stay in order. */
  private enqueue(event: ProfileEvent, resend = false): void {
    if (!this.byUser.has(event.userId)) return;
    const previous = this.queues.get(event.userId) ?? Promise.resolve();
    const next = previous.then(() => this.handle(event, resend)).catch(() => undefined);
    this.queues.set(event.userId, next);
    void next.then(() => {
      if (this.queues.get(event.userId) === next) this.queues.delete(event.userId);
    });
  }

  private async handle(event: ProfileEvent, resend: boolean): Promise<void> {
    const subscribers = [...(this.byUser.get(event.userId) ?? [])];
    if (event.kind === 'auth') {
      // Only a refused token signs out; a database that cannot answer now is asked again at the resync after it returns.
      const check = (subscriber: Subscriber) => this.verifier.verifyFresh(subscriber.token).then(() => undefined, (error) => (databaseUnavailable(error) ? undefined : this.signOut(subscriber, 'signed out')));
      await Promise.all(subscribers.map(check));
    }
    const live = [...(this.byUser.get(event.userId) ?? [])];
    if (live.length === 0) return;
    const user = await this.users.findById(event.userId);
    if (!user) return live.forEach((subscriber) => this.signOut(subscriber, 'user deleted'));
    const frame = JSON.stringify(await this.profiles.profileOf(user));
    for (const subscriber of live) {
      if (subscriber.lastVersion >= user.version && !resend) continue;
      subscriber.lastVersion = user.version;
      this.send(subscriber, frame);
    }
  }

  private send(subscriber: Subscriber, frame: string): void {
    if (subscriber.socket.readyState !== WebSocket.OPEN) return;
    if (subscriber.socket.bufferedAmount + frame.length > this.config.stream.maxBufferBytes) {
      // Never let a reader that does not read grow our memory.
      subscriber.socket.close(CLOSE_SLOW_CONSUMER, 'slow consumer');
      setTimeout(() => subscriber.socket.terminate(), 1000).unref();
      this.detach(subscriber);
      return;
    }
    subscriber.socket.send(frame);
  }

  private signOut(subscriber: Subscriber, reason: string): void {
    if (subscriber.socket.readyState === WebSocket.OPEN) {
      subscriber.socket.send('null');
      subscriber.socket.close(CLOSE_SIGNED_OUT, reason);
    }
    this.detach(subscriber);
  }

  private detach(subscriber: Subscriber): void {
    clearTimeout(subscriber.expiry);
    const set = this.byUser.get(subscriber.userId);
    set?.delete(subscriber);
    if (set?.size === 0) this.byUser.delete(subscriber.userId);
  }

  /** After the fan-out connection came back: re-check everyone and send current profiles, so nothing is missed. */
  private resync(): void {
    for (const userId of this.byUser.keys()) this.enqueue({ userId, kind: 'auth' }, true);
  }

  private beat(): void {
    for (const set of this.byUser.values()) {
      for (const subscriber of set) {
        if (!subscriber.alive) {
          subscriber.socket.terminate();
          this.detach(subscriber);
          continue;
        }
        subscriber.alive = false;
        subscriber.socket.ping();
      }
    }
  }
}
