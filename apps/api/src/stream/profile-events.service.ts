import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';

const CHANNEL = 'roster_profile';

/** `changed`: re-read and send the profile. `auth`: who may still watch this user changed (sign-out, deletion). */
export type ProfileEventKind = 'changed' | 'auth';
export interface ProfileEvent {
  userId: string;
  kind: ProfileEventKind;
  version?: number;
}
type Listener = (event: ProfileEvent | 'resync') => void;

/**
 * Fan-out of profile changes between replicas through PostgreSQL LISTEN/NOTIFY. A NOTIFY sent inside a
 * transaction is delivered on commit, to every process (this one included). After the listening
 * connection is lost and re-established, listeners get 'resync' so they can send current state.
 */
@Injectable()
export class ProfileEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(ProfileEvents.name);
  private readonly listeners: Listener[] = [];
  private client?: Client;
  private stopped = false;
  private backoffMs = 100;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Call inside the transaction that makes the change, so subscribers hear of it only once it is committed. */
  async publish(event: ProfileEvent, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ u: event.userId, k: event.kind, v: event.version })]);
  }

  async onModuleInit(): Promise<void> {
    await this.listen(false);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async listen(resync: boolean): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'roster-listen', keepAlive: true });
    client.on('notification', (message) => this.deliver(message.payload));
    client.on('error', () => undefined);
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    // Only a connection that was up reconnects on its end; a failed attempt is retried by its caller.
    client.once('end', () => this.reconnect());
    this.backoffMs = 100;
    if (resync) this.emit('resync');
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

  private emit(event: ProfileEvent | 'resync'): void {
    for (const listener of this.listeners) listener(event);
  }
}
