import { NestFactory } from '@nestjs/core';
import { getStorageToken } from '@nestjs/throttler';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { allowedMethodsOf } from './errors/allowed-methods';
import { answerClientErrors } from './errors/client-errors';
import { ErrorBodyFilter } from './errors/error-body.filter';
import { JsonReplyAdapter } from './http/json-reply.adapter';
import { middlewareChain } from './http/middleware-chain';
import { requestId, ROOT_LOGGER } from './logging/logging.module';
import { requestLog } from './logging/request-log';
import { StartUpDetailAtDebug } from './logging/start-up-logger';
import { requestMetrics } from './metrics/request-metrics';
import { MetricsService } from './metrics/metrics.service';
import { StreamWsAdapter } from './stream/stream.adapter';
import { EventStreamHub } from './stream/event-stream-hub.service';
import { StreamHub } from './stream/stream-hub.service';
import { TokenVerifier } from './auth/token-verifier.service';
import { createOpenApiDocument } from './openapi/openapi-document';
import { consoleCsp, consoleFiles, consoleStatic } from './console/console-static';
import { corsForBrowsers } from './security/cors';
import { securityHeaders } from './security/security-headers';
import { jsonBodies } from './validation/json-body';
import { BodyValidationPipe } from './validation/validation-pipe';

/** Builds the configured Nest application without listening. */
export async function createApp(config: AppConfig, dataSource: DataSource): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, dataSource), new JsonReplyAdapter(), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(new StartUpDetailAtDebug(app.get(Logger)));
  app.disable('x-powered-by');
  // Express hashed every JSON body it sent into a weak ETag (a Buffer copy and a SHA-1 per response) for
  // conditional GETs nobody documented. The profile routes set their own ETag (the row version), and a
  // matching If-None-Match still gets 304 there: Express checks freshness against whatever ETag is set.
  app.set('etag', false);
  answerClientErrors(app.getHttpServer(), app.get<pino.Logger>(ROOT_LOGGER));
  const consoleDir = consoleFiles();
  // One Express layer for all of them (middlewareChain); the request log first of all, so even a body the parser
  // rejects gets a request id, a log line and a metric.
  app.use(middlewareChain(
    requestLog(app.get<pino.Logger>(ROOT_LOGGER), requestId, requestMetrics(app.get(MetricsService))),
    securityHeaders(config.http.publicUrl),
    ...(consoleDir ? [consoleStatic(consoleDir, consoleCsp(config.console.oidcIssuer))] : []),
    corsForBrowsers({
      origin: config.http.corsOrigins.includes('*') ? true : config.http.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Application-ID', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Link', 'Retry-After', 'X-Request-Id'],
      maxAge: 600,
    }),
    jsonBodies(config.http.bodyLimit),
  ));
  app.useGlobalPipes(new BodyValidationPipe());
  app.useGlobalFilters(new ErrorBodyFilter(allowedMethodsOf(app.getHttpAdapter().getInstance())));
  // The OpenAPI document and an interactive reference, public like the API's own discovery documents.
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  app.useWebSocketAdapter(new StreamWsAdapter(app, app.get(TokenVerifier), app.get(StreamHub), app.get(EventStreamHub), app.get(getStorageToken()), config));
  return app;
}
