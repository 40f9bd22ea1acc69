import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One transaction, passed explicitly to the repository methods that take part in it. Repositories run their
 * statements on its connection (StatementRunner) or its TypeORM manager; services never see either.
 */
export class UnitOfWork {
  constructor(readonly manager: EntityManager) {}

  /** The pg client holding the transaction (TypeORM's public QueryRunner.connect() returns it). */
  client<C>(): Promise<C> {
    return this.manager.queryRunner!.connect();
  }
}

/** Starts units of work: `run` commits when `work` resolves and rolls back when it throws. */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new UnitOfWork(manager)));
  }
}
