import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatementRunner } from './statement-runner';
import { TransactionRunner } from './unit-of-work';

/** Hands the data source that start-up connected (and migrated) to TypeORM's Nest module, and the runners repositories use. */
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
      providers: [StatementRunner, TransactionRunner],
      exports: [StatementRunner, TransactionRunner],
    };
  }
}
