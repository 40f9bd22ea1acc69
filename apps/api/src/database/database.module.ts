import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { BackgroundDataSource, BackgroundStatementRunner, BackgroundTransactionRunner } from './background-lane';
import { Notifier } from './notifier';
import { StatementRunner } from './statement-runner';
import { TransactionRunner } from './unit-of-work';

/**
 * Hands the data source that start-up connected (and migrated) to TypeORM's Nest module, and the runners
 * repositories use: on the serving pool, and on the background lane's own pool (see background-lane.ts), and
 * the Notifier that sends NOTIFYs after commits.
 */
@Module({})
export class DatabaseModule {
  static forRoot(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
      ],
      providers: [
        StatementRunner,
        TransactionRunner,
        { provide: Notifier, useFactory: (background: BackgroundStatementRunner) => new Notifier(background), inject: [BackgroundStatementRunner] },
        { provide: BackgroundDataSource, useFactory: (config: AppConfig) => BackgroundDataSource.open(dataSource, config), inject: [AppConfig] },
        {
          provide: BackgroundStatementRunner,
          useFactory: (background: BackgroundDataSource, config: AppConfig) => new BackgroundStatementRunner(background.dataSource, config),
          inject: [BackgroundDataSource, AppConfig],
        },
        { provide: BackgroundTransactionRunner, useFactory: (background: BackgroundDataSource) => new BackgroundTransactionRunner(background.dataSource), inject: [BackgroundDataSource] },
      ],
      exports: [StatementRunner, TransactionRunner, Notifier, BackgroundStatementRunner, BackgroundTransactionRunner],
    };
  }
}
