import { OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { poolSettings } from './data-source-options';
import { StatementRunner } from './statement-runner';
import { TransactionRunner } from './unit-of-work';

/**
 * The background lane: the same statements and transactions on a second, small pool (DATABASE_BACKGROUND_POOL_MAX)
 * for work no request waits on: webhook dispatch and delivery, and the event feed's followers. On the one pool,
 * 300 profile updates a second held every connection (each waiting its turn to commit its NOTIFY, when the NOTIFY
 * was still sent inside the transaction: see notifier.ts), and a sender's
 * next statement waited up to 260 ms for one: webhook lag grew by seconds. Here neither side queues behind the other.
 */
export class BackgroundStatementRunner extends StatementRunner {}
export class BackgroundTransactionRunner extends TransactionRunner {}

/** Owns the background pool: opened at start-up beside the serving one, closed when the app has stopped. */
export class BackgroundDataSource implements OnApplicationShutdown {
  private constructor(readonly dataSource: DataSource) {}

  static async open(serving: DataSource, config: AppConfig): Promise<BackgroundDataSource> {
    const { backgroundPoolMax, connectTimeoutMs, queryTimeoutMs } = config.database;
    const dataSource = new DataSource({
      ...serving.options,
      applicationName: 'roster-background',
      extra: poolSettings({ poolMax: backgroundPoolMax, connectTimeoutMs, queryTimeoutMs }),
    } as typeof serving.options);
    await dataSource.initialize();
    return new BackgroundDataSource(dataSource);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
