import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { systemClock } from '@licences/licensing-application';
import { LicensingReadModelsModule } from '@licences/licensing-read-models';
import type { EventStoreConfig, ReadStoreConfig } from './config/app-config';
import { InfrastructureModule } from './infrastructure/infrastructure.module';

/** The projections without the HTTP API: for `npm run projector` and `npm run rebuild`. */
@Module({})
export class ProjectorModule {
  static forRoot(dataDir: string, eventStore?: EventStoreConfig, readStore?: ReadStoreConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        InfrastructureModule.forRoot({
          dataDir,
          clock: systemClock,
          ...(eventStore && { eventStore }),
          ...(readStore && { readStore }),
        }),
        LicensingReadModelsModule,
      ],
    };
  }
}
