import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface } from 'typeorm';

const POLL_MS = 250;
const BUMPED = 'roster:epoch-bumped';

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
  /** Bumped locally on every change seen; a cache fill that started before a change must not land. */
  private changes = 0;

  get generation(): number {
    return this.changes;
  }

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Call inside the transaction that makes the change. Local caches are dropped now and again once the
   * transaction commits, so a verification that read the old state in between cannot stay cached here.
   */
  async bump(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('UPDATE revocation_epoch SET value = value + 1 WHERE id = 1');
    if (manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [BUMPED]: true };
    this.notify();
  }

  async onModuleInit(): Promise<void> {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event) => {
        if (!event.queryRunner.data?.[BUMPED]) return;
        delete event.queryRunner.data[BUMPED];
        this.notify();
      },
    };
    this.dataSource.subscribers.push(subscriber);
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
    this.changes++;
    for (const listener of this.listeners) listener();
  }
}
