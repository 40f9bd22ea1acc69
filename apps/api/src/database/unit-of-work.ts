import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One transaction, passed explicitly to the repository methods that take part in it. Repositories run their
 * statements on its connection (StatementRunner) or its TypeORM manager; services never see either.
 */
export class UnitOfWork {
  private readonly committed: Array<() => void | Promise<void>> = [];

  constructor(readonly manager: EntityManager) {}

  /** The pg client holding the transaction (TypeORM's public QueryRunner.connect() returns it). */
  client<C>(): Promise<C> {
    return this.manager.queryRunner!.connect();
  }

  /** Runs once the transaction has committed, never after a rollback; `run` returns once it has settled. */
  afterCommit(callback: () => void | Promise<void>): void {
    this.committed.push(callback);
  }

  /** TransactionRunner calls this after the commit. */
  async commitDone(): Promise<void> {
    await Promise.all(this.committed.splice(0).map((callback) => callback()));
  }
}

/** Starts units of work: `run` commits when `work` resolves and rolls back when it throws. */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    let unit: UnitOfWork | undefined;
    const result = await this.dataSource.transaction((manager) => work((unit = new UnitOfWork(manager))));
    await unit?.commitDone();
    return result;
  }
}
