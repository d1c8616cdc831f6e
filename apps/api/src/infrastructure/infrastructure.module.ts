import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { CLOCK, IDEMPOTENCY_STORE } from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { READ_MODEL_STORE } from '@licences/licensing-read-models';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { SqliteIdempotencyStore, SqliteReadModelStore } from '@licences/licensing-sqlite';

export interface InfrastructureOptions {
  readonly dataDir: string;
  readonly clock: Clock;
}

/**
 * Binds the ports to the embedded adapters: events and idempotency records in one SQLite file,
 * read models and their checkpoints in another beside it.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: SqliteIdempotencyStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  static forRoot(options: InfrastructureOptions): DynamicModule {
    mkdirSync(options.dataDir, { recursive: true });
    const eventsFile = join(options.dataDir, 'licences.sqlite');
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CLOCK, useValue: options.clock },
        { provide: EVENT_STORE, useFactory: () => SqliteEventStore.open({ file: eventsFile }) },
        { provide: IDEMPOTENCY_STORE, useFactory: () => SqliteIdempotencyStore.open(eventsFile) },
        {
          provide: READ_MODEL_STORE,
          useFactory: () => SqliteReadModelStore.open(join(options.dataDir, 'read-models.sqlite')),
        },
      ],
      exports: [CLOCK, EVENT_STORE, IDEMPOTENCY_STORE, READ_MODEL_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.idempotency.close();
    await this.readModels.close();
    await this.store.close();
  }
}
