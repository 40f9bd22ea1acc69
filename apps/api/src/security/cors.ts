import { IncomingMessage, ServerResponse } from 'node:http';
import cors, { CorsOptions } from 'cors';

/**
 * CORS for browsers. A request without an Origin header (a server, curl, a same-origin page) is not a
 * CORS request, so it skips the cors middleware and only gets `Vary: Origin`, which keeps caches from
 * serving it to a browser on another origin. Browsers send Origin on every cross-origin request.
 */
export function corsForBrowsers(options: CorsOptions) {
  const handle = cors(options);
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    if (req.headers.origin === undefined) {
      // setHeader when nothing set Vary yet (the usual case here): appendHeader reads and merges first.
      if (res.hasHeader('Vary')) res.appendHeader('Vary', 'Origin');
      else res.setHeader('Vary', 'Origin');
      return next();
    }
    handle(req, res, next);
  };
}
