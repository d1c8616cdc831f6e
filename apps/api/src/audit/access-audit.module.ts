import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { EventStoreConfig, ReadStoreConfig } from '../config/app-config';
import { accessLogLocation } from './access-log-files';
import { ACCESS_LOG_LOCATION, AccessAudit } from './access-audit.service';

/**
 * The access log of the HTTP API. Only the API records accesses, so only the API opens (and, at
 * start-up, checks) the log; the command-line tools and the projector never touch it.
 */
@Module({})
export class AccessAuditModule {
  static forRoot(options: {
    dataDir: string;
    eventStore?: EventStoreConfig;
    readStore?: ReadStoreConfig;
  }): DynamicModule {
    return {
      module: AccessAuditModule,
      providers: [
        { provide: ACCESS_LOG_LOCATION, useValue: accessLogLocation(options.dataDir, options.eventStore) },
        AccessAudit,
      ],
      exports: [AccessAudit],
    };
  }
}
