import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

const POLL_MS = 250;

/**
 * A database counter bumped whenever what a token means changes (a session ended, a user disconnected or
 * deleted, a key revoked, an identity linked to a user). Every replica polls it and drops its caches of
 * verified tokens on a change, so a revocation takes effect everywhere well within a second.
 */
@Injectable()
export class AuthEpochService implements OnModuleInit, OnApplicationShutdown {
  private value?: string;
  private timer?: NodeJS.Timeout;
  private readonly listeners: Array<() => void> = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Call inside the transaction that makes the change. */
  async bump(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('UPDATE revocation_epoch SET value = value + 1 WHERE id = 1');
    this.notify();
  }

  async onModuleInit(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    try {
      const [row] = await this.dataSource.query('SELECT value FROM revocation_epoch WHERE id = 1');
      if (row && row.value !== this.value) {
        if (this.value !== undefined) this.notify();
        this.value = row.value;
      }
    } catch {
      // Database unreachable: requests fail on their own queries; keep the caches until it answers.
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
