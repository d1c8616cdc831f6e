import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { ConfigError } from '../config/app-config';
import { projectionLagCheck } from '../health/projection-lag.check';
import { NotReadyError, READINESS_CHECKS, runChecks } from '../health/readiness.checks';
import type { ReadinessCheck } from '../health/readiness.checks';
import { LicenceMetrics } from './licence-metrics';
import { MAX_PROJECTION_LAG } from './operability.tokens';
import { ProjectionSamplesService } from './projection-samples.service';

/** LICENCES_METRICS_PORT when unset: the port Prometheus exporters conventionally take next. */
export const DEFAULT_METRICS_PORT = 9464;

/** LICENCES_METRICS_PORT: where a process without the API (the projector) answers probes and scrapes. */
export function metricsPortOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_METRICS_PORT;
  const port = Number(raw.trim());
  if (!/^\d{1,5}$/.test(raw.trim()) || port < 1 || port > 65535) {
    throw new ConfigError(`LICENCES_METRICS_PORT must be a port from 1 to 65535, not ${raw}`);
  }
  return port;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * A small HTTP server for a process that has no API (the projector): `/metrics`, `/health/live`
 * and `/health/ready` (its stores and its projections' lag), nothing else, no token: it carries
 * counts and check names only. An ingress should not expose it; Prometheus scrapes it inside.
 */
@Injectable()
export class ProbeServer implements OnApplicationShutdown {
  private readonly logger = new Logger('Probes');
  private server: Server | undefined;
  private readonly readiness: readonly ReadinessCheck[];

  constructor(
    private readonly metrics: LicenceMetrics,
    @Inject(READINESS_CHECKS) checks: readonly ReadinessCheck[],
    projections: ProjectionSamplesService,
    @Inject(MAX_PROJECTION_LAG) maxProjectionLag: number,
  ) {
    this.readiness = [...checks, projectionLagCheck(projections, maxProjectionLag)];
  }

  /** Listens on host:port; a port in use or a foreign host is a ConfigError naming the setting. */
  async listen(host: string, port: number): Promise<string> {
    const server = createServer((request, response) => {
      this.answer(request, response).catch((error: unknown) => {
        this.logger.error(`Probe ${request.url ?? ''} failed: ${String(error)}`);
        if (!response.headersSent) sendJson(response, 500, { code: 'PROBE_FAILED' });
        else response.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL'
            ? new ConfigError(
                `cannot serve probes and metrics on ${host}:${port} (${error.code}); set LICENCES_METRICS_PORT (or HOST)`,
              )
            : error,
        ),
      );
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const { port: bound } = server.address() as { port: number };
    return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?', 1)[0] ?? '';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, { code: 'METHOD_NOT_ALLOWED' });
      return;
    }
    switch (path) {
      case '/metrics': {
        const { contentType, body } = await this.metrics.scrape();
        response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
        response.end(body);
        return;
      }
      case '/health/live':
        sendJson(response, 200, { status: 'live' });
        return;
      case '/health/ready': {
        const checks = await runChecks(this.readiness);
        if (checks.some((check) => check.status === 'failing')) {
          const error = new NotReadyError(checks);
          sendJson(response, 503, { status: 503, code: error.code, detail: error.message, checks });
        } else {
          sendJson(response, 200, { status: 'ready', checks });
        }
        return;
      }
      default:
        sendJson(response, 404, { code: 'NOT_FOUND' });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
