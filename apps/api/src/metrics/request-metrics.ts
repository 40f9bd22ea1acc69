import { FinishedObserver } from '../logging/request-log';
import { MetricsService } from './metrics.service';

/**
 * Observes each finished request under its matched route pattern (`unmatched` when no route matched). Called
 * by the request log's middleware (createApp) when the response finishes, on the same clock reading: as a
 * middleware of its own it cost a router layer, a listener and a BigInt per request besides its own work.
 */
export function requestMetrics(metrics: MetricsService): FinishedObserver {
  return (req, res, seconds) => {
    const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
    metrics.observe(req.method ?? 'GET', route, res.statusCode, seconds);
  };
}
