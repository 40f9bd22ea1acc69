import { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from 'pino';
import { Middleware } from '../http/middleware-chain';
import { redactUrl } from './redact-url';

export type LoggedRequest = IncomingMessage & { id?: string; originalUrl?: string; baseUrl?: string; route?: { path?: string } };
export type LoggedResponse = ServerResponse & { err?: Error };

/**
 * A 4xx is the caller's mistake, and 511 the expected answer to an anonymous caller of a route that needs a
 * signed-in user: both are logged at info without a stack, so error level stays for failures of ours.
 */
export function answeredCallersMistake(status: number): boolean {
  return (status >= 400 && status < 500) || status === 511;
}

/** Called once for a response that finished (not one whose connection closed first), with its duration in seconds. */
export type FinishedObserver = (req: LoggedRequest, res: LoggedResponse, seconds: number) => void;

/**
 * Express middleware writing one line per request when its response finishes (or the connection closes
 * first), in the shape pino-http wrote: reqId, req {id, method, url with token parameters redacted},
 * res {statusCode}, responseTime in ms, the matched route (`request aborted` when the client left first), and `err` with its stack at level
 * error for a 5xx or an unexpected error (`res.err`, set by the exception filter). No child logger and no async context per request.
 * `finished` (the request metrics) rides on the same clock reading and listener: a middleware of its own
 * cost a router layer, a second `finish` listener and a BigInt per request.
 */
export function requestLog(logger: Logger, requestId: (req: IncomingMessage, res: ServerResponse) => string, finished?: FinishedObserver): Middleware {
  return (incoming, response, next) => {
    // Express's request and response, which carry these fields (`id` is ours; pino-http's typings say otherwise).
    const req = incoming as LoggedRequest;
    const res = response as LoggedResponse;
    const id = (req.id ??= requestId(req, res));
    const started = performance.now();
    let logged = false;
    const done = (error?: Error) => {
      if (logged) return;
      logged = true;
      const elapsed = performance.now() - started;
      if (finished && error === undefined && res.writableFinished) finished(req, res, elapsed / 1000);
      const line: Record<string, unknown> = {
        reqId: id,
        req: { id, method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? '') },
        res: { statusCode: res.statusCode },
      };
      const failure = answeredCallersMistake(res.statusCode) ? undefined : (error ?? res.err ?? (res.statusCode >= 500 ? new Error(`failed with status code ${res.statusCode}`) : undefined));
      if (failure) line.err = failure;
      line.responseTime = Math.floor(elapsed);
      line.route = req.route?.path ?? null;
      if (failure) logger.error(line, 'request errored');
      else logger.info(line, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
    };
    // 'close' comes after 'finish' on every response (Node emits it once the response is done, and when the
    // client leaves first), so one listener sees both; writableFinished tells them apart. `on`, not `once`: done
    // runs once anyway, and once wraps each listener in two new objects per request.
    res.on('close', done);
    res.on('error', done);
    next();
  };
}
