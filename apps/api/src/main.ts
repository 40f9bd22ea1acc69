import 'reflect-metadata';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/app-config';
import { EnvironmentError, parseEnvironment } from './config/environment';
import { localSecretKey } from './config/secret-key';
import { createApp } from './create-app';
import { servingLimits } from './database/data-source-options';
import { connectDataSource, DatabaseServer, describeDatabaseUrl, openDatabaseServer } from './database/open-database';
import { ensurePortFree, listen } from './listen';

async function main(): Promise<void> {
  const env = parseEnvironment(process.env);
  if (env.DATABASE_URL && !env.ROSTER_SECRET_KEY) {
    throw new EnvironmentError('Invalid environment: ROSTER_SECRET_KEY is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)');
  }
  await ensurePortFree(env.PORT, env.HOST);
  const log = pino({ level: env.LOG_LEVEL, base: { pid: process.pid } });
  const server = await openDatabaseServer(env.DATABASE_URL, env.ROSTER_DATA_DIR, (line) => log.info(line), { ownProcessGroup: true });
  let dataSource: DataSource | undefined;
  try {
    log.info({ database: describeDatabaseUrl(server.url), embedded: server.embedded }, server.embedded ? 'using embedded PostgreSQL' : 'using PostgreSQL from DATABASE_URL');
    const secretKey = env.ROSTER_SECRET_KEY ?? (await localSecretKey(env.ROSTER_DATA_DIR));
    dataSource = await connectDataSource(server.url, env.ROSTER_MIGRATE_ON_START, servingLimits(env));
    const config = new AppConfig(env, server.url, secretKey, server.embedded);
    const app = await createApp(config, dataSource);
    await listen(app, env.PORT, env.HOST, { headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS });
    installShutdown(app, server, env.SHUTDOWN_TIMEOUT_MS, log);
    log.info({ port: env.PORT, host: env.HOST }, `Roster is ready: API ${config.publicUrl}, docs ${config.publicUrl}/docs`);
  } catch (error) {
    await dataSource?.destroy().catch(() => undefined);
    await server.stop().catch(() => undefined);
    throw error;
  }
}

/** SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the app, then stop the embedded database. */
function installShutdown(app: { close(): Promise<void>; getHttpServer(): import('node:http').Server }, server: DatabaseServer, timeoutMs: number, log: pino.Logger): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    try {
      app.getHttpServer().closeIdleConnections();
      await app.close();
      await server.stop();
      log.info('stopped');
      process.exitCode = 0;
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    } finally {
      clearTimeout(timer);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: Error) => {
  // One clear line, outside the JSON log, for whoever started the service.
  process.stderr.write(`${error instanceof EnvironmentError ? error.message : `Roster failed to start: ${error.message}`}\n`);
  process.exit(1);
});
