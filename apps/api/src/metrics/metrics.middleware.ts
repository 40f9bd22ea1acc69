import { IncomingMessage, ServerResponse } from 'node:http';
import { MetricsService } from './metrics.service';

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: string } };

/**
 * Express middleware observing each finished request under its matched route pattern (`unmatched` when
 * no route matched). Mounted with `app.use` ahead of the routes: as a Nest middleware (`forRoutes`) it
 * cost a router layer and Nest's proxy per request besides its own work.
 */
export function metricsMiddleware(metrics: MetricsService) {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      metrics.observe(req.method ?? 'GET', route, res.statusCode, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };
}
