import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown, Provider } from '@nestjs/common';
import { EVENT_STORE, PRIVATE_FOLDER_MODE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import {
  CLOCK,
  EventStoreIdempotencyStore,
  IDEMPOTENCY_STORE,
  VALIDITY_POLICY,
} from '@licences/licensing-application';
import { DUTCH_VALIDITY_POLICY } from '@licences/licensing-domain';
import type { Clock, IdempotencyStore } from '@licences/licensing-application';
import { PostgresIdempotencyStore, PostgresReadModelStore } from '@licences/licensing-postgres';
import { PROJECTION_BATCH_LIMIT, READ_MODEL_STORE } from '@licences/licensing-read-models';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { SqliteIdempotencyStore, SqliteReadModelStore } from '@licences/licensing-sqlite';
import type { EventStoreConfig, ReadStoreConfig } from '../config/app-config';
import { projectionLeaseProviders, projectionLeaseTokens } from '../config/projection-leases.provider';
import { READINESS_CHECKS, readinessChecks } from '../health/readiness.checks';
import { APPEND_TIMER, timedAppends } from '../metrics/timed-appends';
import type { AppendTimer } from '../metrics/timed-appends';

export interface InfrastructureOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly eventStore?: EventStoreConfig;
  /** Where read models live: SQLite in `dataDir` when left out. */
  readonly readStore?: ReadStoreConfig;
  /** Events per read-model transaction of the projections here; the runner's default when left out. */
  readonly projectionBatchLimit?: number;
}

/** Events and idempotency records: in one SQLite file, or both in the EventStoreDB cluster. */
function eventStoreProviders(options: InfrastructureOptions): Provider[] {
  const config = options.eventStore ?? { kind: 'sqlite' };
  if (config.kind === 'esdb') {
    return [
      {
        provide: EVENT_STORE,
        useFactory: (timer?: AppendTimer) =>
          timedAppends(EsdbEventStore.connect({ connectionString: config.connectionString }), timer),
        inject: [{ token: APPEND_TIMER, optional: true }],
      },
      {
        provide: IDEMPOTENCY_STORE,
        useFactory: (events: EventStore) => new EventStoreIdempotencyStore(events),
        inject: [EVENT_STORE],
      },
    ];
  }
  const eventsFile = join(options.dataDir, 'licences.sqlite');
  return [
    {
      provide: EVENT_STORE,
      // Appends timed for /metrics where the app has metrics (OperabilityModule); CLIs have none.
      useFactory: (timer?: AppendTimer) => timedAppends(SqliteEventStore.open({ file: eventsFile }), timer),
      inject: [{ token: APPEND_TIMER, optional: true }],
    },
    { provide: IDEMPOTENCY_STORE, useFactory: () => SqliteIdempotencyStore.open(eventsFile) },
  ];
}

/**
 * With the read store on PostgreSQL, idempotency records are there too, so that a retry reaching
 * another replica gets the first answer. Listed after the event store's, whose binding it replaces.
 */
function sharedIdempotencyProviders(options: InfrastructureOptions): Provider[] {
  const config = options.readStore;
  if (config?.kind !== 'postgres') return [];
  return [
    {
      provide: IDEMPOTENCY_STORE,
      useFactory: () => PostgresIdempotencyStore.open({ connectionString: config.connectionString }),
    },
  ];
}

/**
 * The read models: in PostgreSQL when configured (shared by every API and projector process),
 * otherwise in SQLite beside the data folder, whichever event store is used.
 */
function openReadModelStore(options: InfrastructureOptions): Promise<ReadModelStore> {
  const config = options.readStore;
  if (config?.kind === 'postgres') {
    return PostgresReadModelStore.open({
      connectionString: config.connectionString,
      applicationName: 'licences-api',
    });
  }
  return SqliteReadModelStore.open(join(options.dataDir, 'read-models.sqlite'));
}

/** Binds the ports to their adapters. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  static forRoot(options: InfrastructureOptions): DynamicModule {
    mkdirSync(options.dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CLOCK, useValue: options.clock },
        // One binding for the decider, the import and the oversight re-checks, so they never differ.
        { provide: VALIDITY_POLICY, useValue: DUTCH_VALIDITY_POLICY },
        ...eventStoreProviders(options),
        ...sharedIdempotencyProviders(options),
        { provide: READ_MODEL_STORE, useFactory: () => openReadModelStore(options) },
        ...projectionLeaseProviders(options.readStore),
        ...(options.projectionBatchLimit === undefined
          ? []
          : [{ provide: PROJECTION_BATCH_LIMIT, useValue: options.projectionBatchLimit }]),
        {
          provide: READINESS_CHECKS,
          useFactory: (events: EventStore, readModels: ReadModelStore) =>
            readinessChecks(options.dataDir, options.eventStore, events, options.readStore, readModels),
          inject: [EVENT_STORE, READ_MODEL_STORE],
        },
      ],
      exports: [
        CLOCK,
        VALIDITY_POLICY,
        EVENT_STORE,
        IDEMPOTENCY_STORE,
        READ_MODEL_STORE,
        READINESS_CHECKS,
        ...projectionLeaseTokens(options.readStore),
        ...(options.projectionBatchLimit === undefined ? [] : [PROJECTION_BATCH_LIMIT]),
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.idempotency instanceof SqliteIdempotencyStore) this.idempotency.close();
    if (this.idempotency instanceof PostgresIdempotencyStore) await this.idempotency.close();
    await this.readModels.close();
    await this.store.close();
  }
}
