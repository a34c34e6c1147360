import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import type { Metrics } from './metrics.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Times every HTTP request by its route pattern (never the raw path: ids would make a series each). */
export function timeRequests(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const pattern = (req.route as { path?: string } | undefined)?.path;
      const route = pattern
        ? `${req.baseUrl}${pattern}`
        : req.path.startsWith('/api')
          ? 'unmatched'
          : req.path.startsWith('/assets') || req.path.startsWith('/pdfjs')
            ? 'static'
            : 'page';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

/**
 * GET /metrics: with METRICS_TOKEN, to `Authorization: Bearer <token>` from anywhere; without it, to this host only
 * (the connection's own address, not X-Forwarded-For). Anything else is 404, as if there were nothing here.
 */
export function serveMetrics(metrics: Metrics, config: AppConfig) {
  const expected = config.metricsToken ? Buffer.from(`Bearer ${config.metricsToken}`) : undefined;
  return async (req: Request, res: Response): Promise<void> => {
    const given = Buffer.from(req.headers.authorization ?? '');
    const allowed = expected
      ? given.length === expected.length && timingSafeEqual(given, expected)
      : LOOPBACK.has(req.socket.remoteAddress ?? '');
    if (!allowed) {
      res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'not found' });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
