import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';

/** The root pino logger, for the request log that createApp mounts. */
export const ROOT_LOGGER = Symbol('root pino logger');
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Our request id, or the caller's `X-Request-Id` when it is a sane token. Echoed in the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * pino JSON logs: one line per request with id, method, route, status and duration; never headers or secrets.
 * The request line is written by our own middleware (request-log.ts, mounted in createApp) with the root
 * logger: pino-http (through nestjs-pino) built two child loggers and ran the request in an
 * AsyncLocalStorage context per request, which cost more than the rest of a cached-token read.
 * nestjs-pino stays only as the Nest logger (`app.useLogger`).
 */
@Module({})
export class LoggingModule {
  static forRoot(level: string): DynamicModule {
    const root = pino({ level });
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true, forRoutes: [] })],
      providers: [{ provide: ROOT_LOGGER, useValue: root }],
    };
  }
}
