import 'reflect-metadata';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/app-config';
import { EnvironmentError, parseEnvironment } from './config/environment';
import { resolveSecretKey } from './config/secret-key';
import { createApp } from './create-app';
import { connectDataSource, DatabaseServer, describeDatabaseUrl, openDatabaseServer } from './database/open-database';
import { ensurePortFree, listen } from './listen';

async function main(): Promise<void> {
  const env = parseEnvironment(process.env, 'service');
  // Only what resolves the database and the secret reads the environment; everything after reads the AppConfig.
  await ensurePortFree(env.PORT, env.HOST);
  const log = pino({ level: env.LOG_LEVEL, base: { pid: process.pid } });
  const server = await openDatabaseServer(env.DATABASE_URL, env.ROSTER_DATA_DIR, (line) => log.info(line), { ownProcessGroup: true });
  let dataSource: DataSource | undefined;
  try {
    log.info({ database: describeDatabaseUrl(server.url), embedded: server.embedded }, server.embedded ? 'using embedded PostgreSQL' : 'using PostgreSQL from DATABASE_URL');
    const secretKey = await resolveSecretKey(env);
    const config = new AppConfig(env, server.url, secretKey, server.embedded);
    const { http, database } = config;
    dataSource = await connectDataSource(database.url, database.migrateOnStart, database);
    const app = await createApp(config, dataSource);
    await listen(app, http.port, http.host, { headersTimeoutMs: http.headersTimeoutMs, requestTimeoutMs: http.requestTimeoutMs });
    installShutdown(app, server, http.shutdownTimeoutMs, log);
    log.info({ port: http.port, host: http.host }, `Roster is ready: API ${http.publicUrl}, docs ${http.publicUrl}/docs`);
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
