import { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    applicationName: 'roster',
    extra: { max: 20, connectionTimeoutMillis: 5000 },
  };
}
