import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { workspaceRoot } from '../config/workspace-root';
import { Middleware } from '../http/middleware-chain';

const PREFIX = '/console';
/** Vite names every built asset after its content: one may be cached for a year without ever going stale. */
const HASHED = 'public, max-age=31536000, immutable';

/** The built console (dist/apps/console), or undefined when it was not built (the API alone still serves). */
export function consoleFiles(): string | undefined {
  const dir = join(workspaceRoot() ?? process.cwd(), 'dist/apps/console');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/**
 * The console's policy: its own scripts and styles only (no unsafe-inline scripts), API calls to this origin and,
 * for OIDC sign-in, to the issuer; user pictures from any https origin.
 */
export function consoleCsp(oidcIssuer: string | undefined): string {
  const issuer = oidcIssuer ? ` ${new URL(oidcIssuer).origin}` : '';
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' https: data:", `connect-src 'self'${issuer}`,
    "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", "object-src 'none'",
  ].join('; ');
}

/**
 * Serves /console from the built files, same origin as the API: hashed assets with long caching, and index.html
 * (never cached, so a new build is seen at once) for /console and every client-side route under it.
 */
export function consoleStatic(dir: string, csp: string): Middleware {
  const index = readFileSync(join(dir, 'index.html'));
  const assets = express.static(dir, { index: false, redirect: false, fallthrough: true, setHeaders: (res) => res.setHeader('Cache-Control', HASHED) });
  return (req, res, next) => {
    // Every API request passes here: a prefix test before anything that allocates.
    if (!req.url?.startsWith(PREFIX)) return next();
    const path = req.url.split('?')[0];
    if (path !== PREFIX && !path.startsWith(PREFIX + '/')) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Content-Security-Policy', csp);
    if (path.startsWith(`${PREFIX}/assets/`)) {
      req.url = req.url!.slice(PREFIX.length);
      return assets(req as express.Request, res as express.Response, () => {
        res.statusCode = 404;
        res.setHeader('Cache-Control', 'no-store');
        res.end();
      });
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : index);
  };
}
