import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { pinoHttp } from 'pino-http';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Clock } from '@licences/licensing-application';
import { systemClock } from '@licences/licensing-application';
import { AppModule } from './app.module';
import { consoleConfigOf, consoleConnectSources } from './console/console-config';
import type { ConsoleConfig } from './console/console-config';
import { consoleMiddleware } from './console/console-static.middleware';
import type { IdentityConfig } from './auth/identity-config';
import { DEFAULT_RATE_LIMITS } from './config/app-config';
import type { EventStoreConfig, ProjectionMode, RateLimits, ReadStoreConfig } from './config/app-config';
import { installHttpHardening } from './http/http-hardening';
import type { HttpServerLimits } from './http/http-server-limits';
import { jsonBodyMiddleware } from './http/json-body.middleware';
import { requestValidationPipe } from './http/request-validation';
import { GracefulShutdown } from './health/graceful-shutdown.service';
import { AppJsonLogger } from './logging/app-json.logger';
import { httpLogging } from './logging/http-logging';
import { jsonLogger } from './logging/json-logger';
import { LicenceMetrics } from './metrics/licence-metrics';
import { httpMetricsMiddleware, metricsEndpoint } from './metrics/http-metrics.middleware';

export interface CreateAppOptions {
  readonly dataDir: string;
  /** Who may call: `loadIdentityConfig` reads it from the environment. */
  readonly identity: IdentityConfig;
  /** Requests per minute per principal and per address; DEFAULT_RATE_LIMITS when left out. */
  readonly rateLimits?: RateLimits;
  readonly clock?: Clock;
  readonly projections?: ProjectionMode;
  readonly eventStore?: EventStoreConfig;
  /** Read models, access log and idempotency records: SQLite in `dataDir` when left out. */
  readonly readStore?: ReadStoreConfig;
  /** Only history before this instant can be imported; without it imports are refused. */
  readonly importCutover?: Date;
  /**
   * LOG_LEVEL: one JSON object per line on stdout (pino), framework chatter at debug, request
   * lines with their correlation id. Takes precedence over `logger`.
   */
  readonly logLevel?: LogLevel;
  /** Without `logLevel`: Nest's levels, a logger, or false for none (request lines are not written). */
  readonly logger?: LoggerService | LogLevel[] | false;
  /** LICENCES_READY_MAX_PROJECTION_LAG: DEFAULT_MAX_PROJECTION_LAG when left out. */
  readonly maxProjectionLag?: number;
  /** LICENCES_SHUTDOWN_TIMEOUT_MS: DEFAULT_SHUTDOWN_TIMEOUT_MS when left out. */
  readonly shutdownTimeoutMs?: number;
  /** Server timeouts; unset ones keep their defaults (DEFAULT_HTTP_SERVER_LIMITS). */
  readonly httpLimits?: Partial<HttpServerLimits>;
  /** How the console signs in (`consoleConfigOf`); by default as the identity allows. */
  readonly console?: ConsoleConfig;
  /** Where the built console is; DEFAULT_CONSOLE_DIR when left out. */
  readonly consoleDir?: string;
}

/** Assembles the admin API; `main.ts` and the end-to-end tests build it the same way. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  // Request ids are made by the request logger, so it runs (silent) even when nothing is logged.
  const logger = jsonLogger(options.logLevel ?? 'silent');
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      dataDir: options.dataDir,
      identity: options.identity,
      rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
      clock: options.clock ?? systemClock,
      projections: options.projections ?? 'inline',
      ...(options.eventStore && { eventStore: options.eventStore }),
      ...(options.readStore && { readStore: options.readStore }),
      ...(options.importCutover && { importCutover: options.importCutover }),
      ...(options.maxProjectionLag !== undefined && { maxProjectionLag: options.maxProjectionLag }),
      ...(options.shutdownTimeoutMs !== undefined && { shutdownTimeoutMs: options.shutdownTimeoutMs }),
      ...(options.logLevel && { logger }),
    }),
    options.logLevel
      ? { bodyParser: false, logger: new AppJsonLogger(logger) }
      : { bodyParser: false, logger: options.logger ?? ['log', 'warn', 'error'] },
  );
  app.disable('x-powered-by');
  const consoleConfig = options.console ?? consoleConfigOf({}, options.identity);
  installHttpHardening(app, options.httpLimits, consoleConnectSources(consoleConfig));
  // Every request gets its id and its log line; then it is timed; then, while the app shuts
  // down, refused. /metrics is answered before any guard, rate limit or access audit.
  app.use(pinoHttp(httpLogging(logger)));
  const metrics = app.get(LicenceMetrics);
  app.use(httpMetricsMiddleware(metrics));
  app.use(app.get(GracefulShutdown).gate());
  app.use(metricsEndpoint(metrics));
  // Before the routes: the console's files need no token and never reach the API's guards.
  app.use(consoleMiddleware(consoleConfig, options.consoleDir));
  app.use(jsonBodyMiddleware);
  app.useGlobalPipes(requestValidationPipe());
  // Exit 0 once the hooks ran (GracefulShutdown's order), instead of re-raising the signal.
  app.enableShutdownHooks([], { useProcessExit: true });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Export licence lifecycle: admin API')
      .setDescription(
        'Sondages, applications and licence decisions under the Dutch validity policy (BZ2408569).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
