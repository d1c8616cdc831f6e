import { Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import {
  HistoricalImportModule,
  LicensingApplicationModule,
  stagingDirIn,
} from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { LicensingReadModelsModule, ProjectionRunner } from '@licences/licensing-read-models';
import { LicensingReportingModule } from '@licences/licensing-reporting';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import { AccessAuditInterceptor } from './audit/access-audit.interceptor';
import { AccessAuditModule } from './audit/access-audit.module';
import { AccessLogController } from './audit/access-log.controller';
import type { IdentityConfig } from './auth/identity-config';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RateLimiter } from './auth/rate-limiter';
import { TokenVerifier } from './auth/token-verifier';
import { PROJECTION_MODE } from './config/app-config';
import type { EventStoreConfig, ProjectionMode, RateLimits, ReadStoreConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ImportsController } from './imports/imports.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { LicenceCommandSender } from './licences/licence-command.sender';
import { LicencesController } from './licences/licences.controller';
import { RevocationsController } from './licences/revocations.controller';
import { MeasuresModule } from './measures/measures.module';
import { OperabilityModule } from './metrics/operability.module';
import { IntegrityController } from './oversight/integrity.controller';
import { OversightController } from './oversight/oversight.controller';
import { PolicyController } from './policy/policy.controller';
import { ProjectionsController } from './projections/projections.controller';
import { StatisticsController } from './statistics/statistics.controller';

export interface AppModuleOptions {
  readonly dataDir: string;
  readonly identity: IdentityConfig;
  readonly rateLimits: RateLimits;
  readonly clock: Clock;
  readonly projections: ProjectionMode;
  readonly eventStore?: EventStoreConfig;
  readonly readStore?: ReadStoreConfig;
  readonly importCutover?: Date;
  /** LICENCES_READY_MAX_PROJECTION_LAG: DEFAULT_MAX_PROJECTION_LAG when left out. */
  readonly maxProjectionLag?: number;
  /** LICENCES_SHUTDOWN_TIMEOUT_MS: DEFAULT_SHUTDOWN_TIMEOUT_MS when left out. */
  readonly shutdownTimeoutMs?: number;
  /** The JSON logger: Nest's lines inside a request then carry its id and correlation id. */
  readonly logger?: Pino;
}

@Module({})
export class AppModule implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(PROJECTION_MODE) private readonly projections: ProjectionMode,
  ) {}

  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot({
          dataDir: options.dataDir,
          clock: options.clock,
          ...(options.eventStore && { eventStore: options.eventStore }),
          ...(options.readStore && { readStore: options.readStore }),
        }),
        AccessAuditModule.forRoot({
          dataDir: options.dataDir,
          ...(options.eventStore && { eventStore: options.eventStore }),
          ...(options.readStore && { readStore: options.readStore }),
        }),
        LicensingApplicationModule,
        LicensingReadModelsModule,
        HistoricalImportModule.forRoot({
          cutover: options.importCutover,
          stagingDir: stagingDirIn(options.dataDir),
        }),
        LicensingReportingModule,
        MeasuresModule,
        OperabilityModule.forRoot({
          ...(options.maxProjectionLag !== undefined && { maxProjectionLag: options.maxProjectionLag }),
          ...(options.shutdownTimeoutMs !== undefined && { shutdownTimeoutMs: options.shutdownTimeoutMs }),
        }),
        // pino-http runs as the app's first middleware (createApp); this binds its request logger.
        ...(options.logger
          ? [LoggerModule.forRoot({ pinoHttp: { logger: options.logger }, useExisting: true })]
          : []),
      ],
      controllers: [
        LicencesController,
        RevocationsController,
        PolicyController,
        ProjectionsController,
        HealthController,
        AccessLogController,
        ImportsController,
        OversightController,
        IntegrityController,
        StatisticsController,
      ],
      providers: [
        { provide: PROJECTION_MODE, useValue: options.projections },
        LicenceCommandSender,
        // One verifier and one limiter per app: the key set's cache and the counters live in them.
        { provide: TokenVerifier, useValue: new TokenVerifier(options.identity) },
        { provide: RateLimiter, useValue: new RateLimiter(options.rateLimits) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: AccessAuditInterceptor },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.projections === 'inline') await this.runner.start();
  }
}
