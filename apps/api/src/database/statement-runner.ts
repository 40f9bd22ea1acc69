import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '../config/app-config';
import { Statement } from './sql';
import { UnitOfWork } from './unit-of-work';

/**
 * Runs `Statement`s on pg clients of the one serving pool, each as a named prepared statement (its name is
 * the statement's): PostgreSQL parses and plans a text once per connection instead of on every call. For the
 * one-user read that planning was most of PostgreSQL's work (pgbench: 8.6k/s unprepared, 35k/s prepared).
 *
 * The client comes from TypeORM's own pg pool, not from a second pool: one connection budget
 * (DATABASE_POOL_MAX), and the same DropOnTimeoutClient, timeouts and errors as every other statement. Inside
 * a unit of work a statement runs on the transaction's connection.
 * DATABASE_PREPARED_STATEMENTS=false runs them unnamed, for poolers that cannot carry named statements across
 * transactions (PgBouncer before 1.21 in transaction mode). A statement defined with `planPerCall` always runs
 * unnamed: PostgreSQL then plans it for the values of each call.
 */
@Injectable()
export class StatementRunner {
  private readonly named: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.named = config.database.preparedStatements;
  }

  async rows<P, R extends QueryResultRow>(statement: Statement<P>, params: P, work?: UnitOfWork): Promise<R[]> {
    return (await this.run<P, R>(statement, params, work)).rows;
  }

  async one<P, R extends QueryResultRow>(statement: Statement<P>, params: P, work?: UnitOfWork): Promise<R | undefined> {
    return (await this.run<P, R>(statement, params, work)).rows[0];
  }

  /** The number of rows an INSERT, UPDATE or DELETE affected. */
  async count<P>(statement: Statement<P>, params: P, work?: UnitOfWork): Promise<number> {
    return (await this.run(statement, params, work)).rowCount ?? 0;
  }

  private async run<P, R extends QueryResultRow = QueryResultRow>(statement: Statement<P>, params: P, work?: UnitOfWork): Promise<QueryResult<R>> {
    const query: QueryConfig = { text: statement.text, values: statement.values(params) };
    if (this.named && !statement.planPerCall) query.name = statement.name;
    if (work) return (await work.client<PoolClient>()).query<R>(query);
    const client = await this.pool().connect();
    try {
      return await client.query<R>(query);
    } finally {
      // pg-pool drops a client whose connection broke (not queryable) instead of pooling it again.
      client.release();
    }
  }

  /**
   * TypeORM's pg pool (`PostgresDriver.master`): a QueryRunner per statement only wrapped its connect and
   * release, and cost an object, a listener and two awaits per request on the hot reads.
   */
  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }
}
