import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { poolSettings } from '../database/data-source-options';
import { UnitOfWork } from '../database/unit-of-work';
import { JobStartLock } from './job-start-lock.repository';

/**
 * pg-boss on the service's own database (it creates and migrates its `pgboss` schema itself). Every
 * replica runs workers; pg-boss hands each job to one of them with SKIP LOCKED.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  readonly boss: PgBoss;

  constructor(
    config: AppConfig,
    private readonly startLock: JobStartLock,
  ) {
    // The serving pool's timeouts: after an outage or a partition, workers get their connections back too.
    this.boss = new PgBoss({ ...poolSettings(config.database), connectionString: config.database.url, application_name: 'roster-jobs', max: 4, schedule: false });
    this.boss.on('error', (error) => this.log.error({ err: error }, 'job queue error'));
  }

  async onModuleInit(): Promise<void> {
    await this.exclusively(() => this.boss.start());
  }

  /**
   * Runs pg-boss set-up (its schema, queue creation) in one replica at a time: replicas starting together
   * deadlocked on it.
   */
  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    return this.startLock.holding(work);
  }

  /** Workers stop taking jobs; running ones get a few seconds to finish (an unfinished one is retried later). */
  async onModuleDestroy(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 3000 });
  }

  /** pg-boss statements run in `unit`, so a job is enqueued in the same transaction as the change it follows. */
  static within(unit: UnitOfWork): PgBoss.Db {
    return { executeSql: async (text, values) => ({ rows: await unit.manager.query(text, values) }) };
  }
}
