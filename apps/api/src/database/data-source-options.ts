import { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { DropOnTimeoutClient } from './unanswered-query';

/** Bounds of the serving pool. Without them (migrations, CLI commands) statements may run as long as they need. */
export interface DatabaseLimits {
  poolMax: number;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

/** pg pool settings for `limits`: every wait on the database is bounded, so an outage is a quick 503, never a hang. */
export function poolSettings(limits: DatabaseLimits): Record<string, unknown> {
  return {
    max: limits.poolMax,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    // The server cancels a slow statement itself; the client gives up a second later only when the server is silent.
    statement_timeout: limits.queryTimeoutMs,
    query_timeout: limits.queryTimeoutMs + 1000,
    keepAlive: true,
    Client: DropOnTimeoutClient,
  };
}

export function dataSourceOptions(url: string, limits?: DatabaseLimits): DataSourceOptions {
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
    extra: limits ? poolSettings(limits) : { max: 20, connectionTimeoutMillis: 5000 },
  };
}
