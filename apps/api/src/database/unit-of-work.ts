import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Statement } from './sql';

/**
 * One transaction, passed explicitly to every repository method that must run inside it. Repositories use
 * `manager` for their TypeORM calls and `run` for their defined statements; services only pass it along.
 */
export class UnitOfWork {
  private readonly committed: Array<() => void> = [];

  constructor(readonly manager: EntityManager) {}

  /** Runs once the transaction has committed; never after a rollback. */
  afterCommit(callback: () => void): void {
    this.committed.push(callback);
  }

  /** Called by TransactionRunner only. */
  commitDone(): void {
    for (const callback of this.committed.splice(0)) callback();
  }
}

/** Starts units of work: the only way services get a transaction. */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    let unit: UnitOfWork | undefined;
    const result = await this.dataSource.transaction((manager) => work((unit = new UnitOfWork(manager))));
    unit?.commitDone();
    return result;
  }
}

export interface StatementResult {
  /** Cast by the repository to the row shape its statement selects. */
  rows: unknown[];
  /** Rows an INSERT, UPDATE or DELETE changed. */
  affected: number;
}

/**
 * Runs a defined statement inside `unit`, or on the pool without one. The one place repositories hand a
 * statement to the database (a pg-level statement runner can replace its body).
 */
export async function runStatement<P>(dataSource: DataSource, unit: UnitOfWork | undefined, statement: Statement<P>, params: P): Promise<StatementResult> {
  const shared = unit?.manager.queryRunner;
  const runner = shared ?? dataSource.createQueryRunner();
  try {
    const result = await runner.query(statement.text, statement.values(params), true);
    return { rows: result.records, affected: result.affected ?? 0 };
  } finally {
    if (!shared) await runner.release();
  }
}
