import { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { Middleware } from '../http/middleware-chain';

/**
 * The headers a middleware sets on every response, recorded once at start and then set per request in
 * one loop. helmet's default headers never depend on the request, and running its fourteen small
 * middlewares per request cost more than setting what they set.
 */
export function recordedHeaders(middleware: Middleware): Middleware {
  const headers: Array<[string, string | string[]]> = [];
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => headers.push([name, Array.isArray(value) ? value : String(value)]),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  };
  let finished = false;
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, recorder as unknown as ServerResponse, () => (finished = true));
  if (!finished) throw new Error('recordedHeaders: the middleware did not finish synchronously');
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/**
 * helmet's headers, with HSTS and CSP `upgrade-insecure-requests` only when PUBLIC_URL is https: over
 * plain HTTP by any name but localhost they made Chromium upgrade /docs' scripts to https and show a blank page.
 */
export function securityHeaders(publicUrl: string): Middleware {
  const https = new URL(publicUrl).protocol === 'https:';
  return recordedHeaders(helmet({
    strictTransportSecurity: https,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
  }) as Middleware);
}
