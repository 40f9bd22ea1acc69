import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { BackgroundDataSource, BackgroundStatementRunner, BackgroundTransactionRunner } from './background-lane';
import { StatementRunner } from './statement-runner';
import { TransactionRunner } from './unit-of-work';

/**
 * Hands the data source that start-up connected (and migrated) to TypeORM's Nest module, and the runners
 * repositories use: on the serving pool, and on the background lane's own pool (see background-lane.ts).
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
        { provide: BackgroundDataSource, useFactory: (config: AppConfig) => BackgroundDataSource.open(dataSource, config), inject: [AppConfig] },
        {
          provide: BackgroundStatementRunner,
          useFactory: (background: BackgroundDataSource, config: AppConfig) => new BackgroundStatementRunner(background.dataSource, config),
          inject: [BackgroundDataSource, AppConfig],
        },
        { provide: BackgroundTransactionRunner, useFactory: (background: BackgroundDataSource) => new BackgroundTransactionRunner(background.dataSource), inject: [BackgroundDataSource] },
      ],
      exports: [StatementRunner, TransactionRunner, BackgroundStatementRunner, BackgroundTransactionRunner],
    };
  }
}
