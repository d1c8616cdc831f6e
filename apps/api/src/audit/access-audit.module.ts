import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { EventStoreConfig, ReadStoreConfig } from '../config/app-config';
import { accessLogBackend } from './access-log-backend.factory';
import { ACCESS_LOG_BACKEND, AccessAudit } from './access-audit.service';

/**
 * The access log of the HTTP API, in the data folder or, with LICENCES_READ_STORE=postgres, in the
 * database every replica shares. Only the API records accesses, so only the API opens (and, at
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
        {
          provide: ACCESS_LOG_BACKEND,
          useValue: accessLogBackend(options.dataDir, options.eventStore, options.readStore),
        },
        AccessAudit,
      ],
      exports: [AccessAudit],
    };
  }
}
