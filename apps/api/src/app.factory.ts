import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
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
  /** Levels, a logger (main.ts: LOG_LEVEL, framework chatter at debug), or false for none. */
  readonly logger?: LoggerService | LogLevel[] | false;
  /** Server timeouts; unset ones keep their defaults (DEFAULT_HTTP_SERVER_LIMITS). */
  readonly httpLimits?: Partial<HttpServerLimits>;
  /** How the console signs in (`consoleConfigOf`); by default as the identity allows. */
  readonly console?: ConsoleConfig;
  /** Where the built console is; DEFAULT_CONSOLE_DIR when left out. */
  readonly consoleDir?: string;
}

/** Assembles the admin API; `main.ts` and the end-to-end tests build it the same way. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
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
    }),
    { bodyParser: false, logger: options.logger ?? ['log', 'warn', 'error'] },
  );
  app.disable('x-powered-by');
  const consoleConfig = options.console ?? consoleConfigOf({}, options.identity);
  installHttpHardening(app, options.httpLimits, consoleConnectSources(consoleConfig));
  // Before the routes: the console's files need no token and never reach the API's guards.
  app.use(consoleMiddleware(consoleConfig, options.consoleDir));
  app.use(jsonBodyMiddleware);
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
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
