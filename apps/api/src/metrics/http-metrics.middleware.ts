import type { NextFunction, Request, Response } from 'express';
import { commandOf } from './command-marks';
import type { LicenceMetrics } from './licence-metrics';

/**
 * The route as declared (`/api/licences/:id`), never the URL: ids would make a series per case.
 * Requests that matched no route share one label.
 */
function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${request.baseUrl}${path}`;
  return isScrape(request) ? '/metrics' : 'unmatched';
}

function isScrape(request: Request): boolean {
  return request.path === '/metrics' && (request.method === 'GET' || request.method === 'HEAD');
}

/**
 * Times every request to its answer: the HTTP histogram by method, route and status, and, for a
 * request that sent a command, the command counter by outcome and its latency.
 */
export function httpMetricsMiddleware(metrics: LicenceMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe(
        { method: request.method, route: routeOf(request), status: String(response.statusCode) },
        seconds,
      );
      const command = commandOf(request);
      if (command !== undefined) metrics.recordCommand(command, response.statusCode, seconds);
    });
    next();
  };
}

/** `GET /metrics`: the Prometheus text, before any guard, rate limit or access audit. */
export function metricsEndpoint(metrics: LicenceMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!isScrape(request)) {
      next();
      return;
    }
    metrics.scrape().then(
      ({ contentType, body }) => {
        response.status(200).setHeader('Content-Type', contentType);
        response.setHeader('Cache-Control', 'no-store');
        response.end(body);
      },
      (error: unknown) => next(error),
    );
  };
}
