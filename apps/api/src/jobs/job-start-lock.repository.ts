import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { defineStatement, Params, sql } from '../database/sql';

const START_LOCK = 0x4a6f6273; // pg advisory lock id: "Jobs"
const lock = defineStatement('jobs.lockStart', (p: Params<{ lock: number }>) => sql`SELECT pg_advisory_lock(${p.lock})`);
const unlock = defineStatement('jobs.unlockStart', (p: Params<{ lock: number }>) => sql`SELECT pg_advisory_unlock(${p.lock})`);

/** A session-level lock, held on one connection for as long as pg-boss set-up runs. */
@Injectable()
export class JobStartLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async holding<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(lock.text, lock.values({ lock: START_LOCK }));
      return await work();
    } finally {
      await runner.query(unlock.text, unlock.values({ lock: START_LOCK })).catch(() => undefined);
      await runner.release();
    }
  }
}
