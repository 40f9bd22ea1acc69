import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { STREAM_CLOSE_CODES } from '@roster/dto';
import { WebSocket } from 'ws';
import { Principal } from '../auth/principal';
import { RevocationEpoch } from '../auth/revocation-epoch.service';
import { TokenVerifier } from '../auth/token-verifier.service';
import { AppConfig } from '../config/app-config';
import { databaseUnavailable } from '../database/postgres-errors';
import { EventFeed } from '../events/event-feed.service';
import { FeedPosition } from '../events/event-row';

/** Events one read sends at most; a follower that is behind reads again at once. */
const BATCH = 100;
/** A read that failed (the database away) is tried again after this, besides at the next wake-up. */
const RETRY_MS = 1000;

interface Follower {
  socket: WebSocket;
  token: string;
  /** The last position sent (or the start); the next read continues after it. */
  position: FeedPosition | null;
  reading: boolean;
  again: boolean;
  alive: boolean;
  expiry: NodeJS.Timeout;
  retry?: NodeJS.Timeout;
}

/**
 * Followers of `/v1/events/stream`: each reads the outbox after its own position, woken by the feed, so a
 * reconnect of the database (or of this socket, with `after=`) loses nothing and repeats nothing. Frames are
 * EventDto JSON, oldest first. Heartbeats are WebSocket pings; a follower that does not read is closed.
 */
@Injectable()
export class EventStreamHub implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('EventStream');
  private readonly followers = new Set<Follower>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Subscribed to the feed only while someone follows: a process without followers does not watch for settling events. */
  private unsubscribe?: () => void;

  constructor(
    private readonly feed: EventFeed,
    private readonly config: AppConfig,
    private readonly verifier: TokenVerifier,
    private readonly epoch: RevocationEpoch,
  ) {
    this.heartbeat = setInterval(() => this.beat(), config.stream.heartbeatMs);
    this.heartbeat.unref();
  }

  onModuleInit(): void {
    // A revoked key or ended session ends its streams: re-check every follower's token when revocations change.
    this.epoch.onChange(() => this.followers.forEach((follower) => this.recheck(follower)));
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const follower of this.followers) follower.socket.close(STREAM_CLOSE_CODES.goingAway, 'server shutting down');
  }

  /**
   * Where a new follower starts: after the event `after` names (null when there is no such event), or at the
   * newest settled position when it names none (only what is recorded from now on).
   */
  async startAfter(after: string | null): Promise<FeedPosition | null | 'unknown'> {
    if (after === null) return this.feed.head();
    return (await this.feed.positionOf(after)) ?? 'unknown';
  }

  attach(socket: WebSocket, principal: Principal, token: string, start: FeedPosition | null): void {
    const follower: Follower = {
      socket, token, position: start, reading: false, again: false, alive: true,
      expiry: setTimeout(() => this.end(follower, STREAM_CLOSE_CODES.signedOut, 'token expired'), Math.max(0, principal.expiresAt * 1000 - Date.now())),
    };
    follower.expiry.unref();
    this.followers.add(follower);
    this.unsubscribe ??= this.feed.onNotify(() => this.followers.forEach((one) => this.pump(one)));
    socket.on('pong', () => (follower.alive = true));
    socket.on('message', () => undefined);
    socket.on('error', () => socket.terminate());
    socket.on('close', () => this.detach(follower));
    this.pump(follower);
  }

  /** Reads and sends until caught up; a wake-up during a read makes it read once more. */
  private pump(follower: Follower): void {
    if (follower.reading) {
      follower.again = true;
      return;
    }
    follower.reading = true;
    void this.drain(follower).finally(() => {
      follower.reading = false;
      if (follower.again && this.followers.has(follower)) {
        follower.again = false;
        this.pump(follower);
      }
    });
  }

  private async drain(follower: Follower): Promise<void> {
    try {
      for (;;) {
        if (!this.followers.has(follower)) return;
        const batch = await this.feed.readAfter(follower.position, BATCH);
        for (const { position, event } of batch) {
          if (!this.send(follower, JSON.stringify(event))) return;
          follower.position = position;
        }
        if (batch.length < BATCH) return;
      }
    } catch (error) {
      this.log.warn(`reading events failed: ${(error as Error).message}; retrying`);
      clearTimeout(follower.retry);
      follower.retry = setTimeout(() => this.pump(follower), RETRY_MS);
      follower.retry.unref();
    }
  }

  private send(follower: Follower, frame: string): boolean {
    if (follower.socket.readyState !== WebSocket.OPEN) return false;
    if (follower.socket.bufferedAmount + frame.length > this.config.stream.maxBufferBytes) {
      // Never let a reader that does not read grow our memory; it reconnects with after= its last event.
      this.end(follower, STREAM_CLOSE_CODES.slowConsumer, 'slow consumer');
      setTimeout(() => follower.socket.terminate(), 1000).unref();
      return false;
    }
    follower.socket.send(frame);
    return true;
  }

  private recheck(follower: Follower): void {
    this.verifier.verifyFresh(follower.token).then(
      () => undefined,
      (error) => (databaseUnavailable(error) ? undefined : this.end(follower, STREAM_CLOSE_CODES.signedOut, 'credential revoked')),
    );
  }

  private end(follower: Follower, code: number, reason: string): void {
    if (follower.socket.readyState === WebSocket.OPEN) follower.socket.close(code, reason);
    this.detach(follower);
  }

  private detach(follower: Follower): void {
    clearTimeout(follower.expiry);
    clearTimeout(follower.retry);
    this.followers.delete(follower);
    if (this.followers.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }

  private beat(): void {
    for (const follower of this.followers) {
      if (!follower.alive) {
        follower.socket.terminate();
        this.detach(follower);
        continue;
      }
      follower.alive = false;
      follower.socket.ping();
    }
  }
}
