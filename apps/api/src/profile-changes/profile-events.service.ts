import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client, QueryConfig } from 'pg';
import { AppConfig } from '../config/app-config';
import { EVENTS_CHANNEL, Notifier, PROFILE_CHANNEL } from '../database/notifier';
import { dropConnection } from '../database/unanswered-query';
import { UnitOfWork } from '../database/unit-of-work';

const CHANNEL = PROFILE_CHANNEL;
const LIVENESS_CHECK_MS = 5000;

/** `changed`: re-read and send the profile. `auth`: who may still watch this user changed (sign-out, deletion). */
export type ProfileEventKind = 'changed' | 'auth';
export interface ProfileEvent {
  userId: string;
  kind: ProfileEventKind;
  version?: number;
}
type Listener = (event: ProfileEvent | 'resync') => void;

/** The payload on PROFILE_CHANNEL: `{u: users.id, k: kind, v: version}`. */
export function profileEventPayload(event: ProfileEvent): string {
  return JSON.stringify({ u: event.userId, k: event.kind, v: event.version });
}

/**
 * Fan-out of profile changes between replicas through PostgreSQL LISTEN/NOTIFY, sent once the change has
 * committed (database/notifier.ts), to every process (this one included). After the listening connection is
 * lost and re-established, listeners get 'resync' so they can send current state.
 */
@Injectable()
export class ProfileEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(ProfileEvents.name);
  private readonly listeners: Listener[] = [];
  private readonly outboxListeners: Array<() => void> = [];
  private client?: Client;
  private stopped = false;
  private backoffMs = 100;

  constructor(
    private readonly notifier: Notifier,
    private readonly config: AppConfig,
  ) {}

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Runs after each commit that recorded events, and after a reconnect (when such a notification may have been lost). */
  onOutbox(listener: () => void): void {
    this.outboxListeners.push(listener);
  }

  /** Subscribers hear of the change once `work` has committed, and never if it rolls back. */
  publish(event: ProfileEvent, work: UnitOfWork): void {
    this.notifier.afterCommit(work, CHANNEL, profileEventPayload(event));
  }

  async onModuleInit(): Promise<void> {
    await this.listen(false);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async listen(resync: boolean): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url, application_name: 'roster-listen', keepAlive: true, connectionTimeoutMillis: this.config.database.connectTimeoutMs });
    client.on('notification', (message) => (message.channel === EVENTS_CHANNEL ? this.wakeOutbox() : this.deliver(message.payload)));
    client.on('error', () => undefined);
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}; LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    // Only a connection that was up reconnects on its end; a failed attempt is retried by its caller.
    client.once('end', () => this.reconnect());
    this.checkAlive(client);
    this.backoffMs = 100;
    if (resync) {
      this.emit('resync');
      this.wakeOutbox();
    }
  }

  /**
   * An idle LISTEN connection never notices a silent server (a network partition): it would wait for
   * notifications forever. A ping that goes unanswered drops it, and the usual reconnect follows. The ping
   * gets as long as any query, so a busy server or a stalled event loop does not cause a needless resync.
   */
  private checkAlive(client: Client): void {
    const timer = setInterval(() => {
      client.query({ text: 'SELECT 1', query_timeout: this.config.database.queryTimeoutMs + 1000 } as QueryConfig).catch(() => dropConnection(client));
    }, LIVENESS_CHECK_MS);
    timer.unref();
    client.once('end', () => clearInterval(timer));
  }

  private reconnect(): void {
    if (this.stopped) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, 5000);
    this.log.warn(`listening connection lost; reconnecting in ${delay} ms`);
    setTimeout(() => {
      if (this.stopped) return;
      this.listen(true).catch(() => this.reconnect());
    }, delay).unref();
  }

  private deliver(payload: string | undefined): void {
    try {
      const { u, k, v } = JSON.parse(payload ?? '');
      if (typeof u === 'string' && (k === 'changed' || k === 'auth')) this.emit({ userId: u, kind: k, version: typeof v === 'number' ? v : undefined });
    } catch {
      // Not ours.
    }
  }

  private wakeOutbox(): void {
    for (const listener of this.outboxListeners) listener();
  }

  private emit(event: ProfileEvent | 'resync'): void {
    for (const listener of this.listeners) listener(event);
  }
}
