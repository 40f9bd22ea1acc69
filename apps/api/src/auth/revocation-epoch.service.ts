import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { RevocationEpochRepository } from './revocation-epoch.repository';

const POLL_MS = 250;

/**
 * The revocation epoch: a database counter bumped whenever what a token means changes (a session ended, a
 * user disconnected or deleted, a key revoked, an identity linked to a user). Every replica polls it and drops
 * its caches of verified tokens on a change, so a revocation takes effect everywhere well within a second.
 */
@Injectable()
export class RevocationEpoch implements OnModuleInit, OnApplicationShutdown {
  private stored?: string;
  private timer?: NodeJS.Timeout;
  private readonly listeners: Array<() => void> = [];
  #changesSeen = 0;

  constructor(private readonly epochs: RevocationEpochRepository) {}

  /** Revocations this replica has seen so far; a cache fill that started before one must not land. */
  get changesSeen(): number {
    return this.#changesSeen;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Call inside the unit of work that makes the change. Local caches are dropped now and again once it
   * commits, so a verification that read the old state in between cannot stay cached here.
   */
  async bump(unit: UnitOfWork): Promise<void> {
    await this.epochs.bump(unit);
    unit.afterCommit(() => this.notify());
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
      const value = await this.epochs.read();
      if (value !== undefined && value !== this.stored) {
        if (this.stored !== undefined) this.notify();
        this.stored = value;
      }
    } catch {
      // Database unreachable: requests fail on their own queries; keep the caches until it answers.
    }
  }

  private notify(): void {
    this.#changesSeen++;
    for (const listener of this.listeners) listener();
  }
}
