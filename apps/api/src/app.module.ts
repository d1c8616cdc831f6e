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
