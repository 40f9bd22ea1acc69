import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { redactUrl } from './redact-url';

type RoutedRequest = IncomingMessage & { route?: { path?: string }; originalUrl?: string };

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Our request id, or the caller's `X-Request-Id` when it is a sane token. Echoed in the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

const withRoute = (req: IncomingMessage, _res: ServerResponse, value: object) => ({ ...value, route: (req as RoutedRequest).route?.path ?? null });

/** pino JSON logs: one line per request with id, method, route, status and duration; never headers or secrets. */
@Module({})
export class LoggingModule {
  static forRoot(level: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            genReqId: requestId,
            quietReqLogger: true,
            serializers: {
              req: (req: RoutedRequest & { id?: unknown }) => ({ id: req.id, method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? '') }),
              res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
            },
            customSuccessObject: withRoute,
            customErrorObject: withRoute,
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
          },
        }),
      ],
    };
  }
}
