import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { poolSettings } from '../database/data-source-options';

const START_LOCK = 0x4a6f6273; // pg advisory lock id: "Jobs"

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [START_LOCK]);
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [START_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }

  /** Workers stop taking jobs; running ones get a few seconds to finish (an unfinished one is retried later). */
  async onModuleDestroy(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 3000 });
  }

  /** pg-boss statements run on `manager`, so a job is enqueued in the same transaction as the change it follows. */
  static within(manager: EntityManager): PgBoss.Db {
    return { executeSql: async (text, values) => ({ rows: await manager.query(text, values) }) };
  }
}
