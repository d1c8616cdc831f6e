import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { CLOCK, IDEMPOTENCY_STORE } from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { SqliteIdempotencyStore } from '@licences/licensing-sqlite';

export interface InfrastructureOptions {
  readonly dataDir: string;
  readonly clock: Clock;
}

/** Binds the ports to the embedded adapters: events and idempotency records in one SQLite file. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: SqliteIdempotencyStore,
  ) {}

  static forRoot(options: InfrastructureOptions): DynamicModule {
    mkdirSync(options.dataDir, { recursive: true });
    const file = join(options.dataDir, 'licences.sqlite');
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CLOCK, useValue: options.clock },
        { provide: EVENT_STORE, useFactory: () => SqliteEventStore.open({ file }) },
        { provide: IDEMPOTENCY_STORE, useFactory: () => SqliteIdempotencyStore.open(file) },
      ],
      exports: [CLOCK, EVENT_STORE, IDEMPOTENCY_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.idempotency.close();
    await this.store.close();
  }
}
