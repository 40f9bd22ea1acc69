import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, QueryConfig } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dropConnection } from '../database/unanswered-query';

const CHANNEL = 'roster_profile';
const LIVENESS_CHECK_MS = 5000;

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

  /** SQL announcing a `changed` event for the row an UPDATE returns (its RETURNING), delivered on commit as publish's. */
  static readonly CHANGED_RETURNING = `pg_notify('${CHANNEL}', json_build_object('u', "id", 'k', 'changed', 'v', "version")::text)`;

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
    const client = new Client({ connectionString: this.config.database.url, application_name: 'roster-listen', keepAlive: true, connectionTimeoutMillis: this.config.database.connectTimeoutMs });
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
    this.checkAlive(client);
    this.backoffMs = 100;
    if (resync) this.emit('resync');
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

  private emit(event: ProfileEvent | 'resync'): void {
    for (const listener of this.listeners) listener(event);
  }
}
