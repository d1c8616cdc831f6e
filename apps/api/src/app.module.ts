import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { LicensingApplicationModule } from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { LicenceCommandSender } from './licences/licence-command.sender';
import { LicencesController } from './licences/licences.controller';
import { PolicyController } from './policy/policy.controller';

export interface AppModuleOptions {
  readonly dataDir: string;
  readonly jwtSecret: string;
  readonly clock: Clock;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot({ dataDir: options.dataDir, clock: options.clock }),
        JwtModule.register({ secret: options.jwtSecret, signOptions: { algorithm: 'HS256' } }),
        LicensingApplicationModule,
      ],
      controllers: [LicencesController, PolicyController, HealthController],
      providers: [
        LicenceCommandSender,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
