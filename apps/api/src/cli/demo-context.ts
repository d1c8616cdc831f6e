import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import {
  HistoricalImportModule,
  LicensingApplicationModule,
  stagingDirIn,
  systemClock,
} from '@licences/licensing-application';
import type { Clock } from '@licences/licensing-application';
import { PROJECTION_NAMES, READ_MODEL_STORE } from '@licences/licensing-read-models';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { AccessAuditModule } from '../audit/access-audit.module';
import type { EventStoreConfig } from '../config/app-config';
import { InfrastructureModule } from '../infrastructure/infrastructure.module';

/** The clock the demo's decisions are taken on: the loader sets it to each step's business instant. */
export class DemoClock implements Clock {
  private current = new Date(0);

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: string): void {
    this.current = new Date(instant);
  }
}

export interface DemoStore {
  readonly dataDir: string;
  readonly eventStore?: EventStoreConfig;
}

/** The event store, the command bus with the real handlers, and the import; no HTTP, no projections. */
@Module({})
export class DemoCliModule {
  static forRoot({ dataDir, eventStore }: DemoStore, clock: Clock, cutover: Date | undefined): DynamicModule {
    return {
      module: DemoCliModule,
      imports: [
        InfrastructureModule.forRoot({ dataDir, clock, ...(eventStore && { eventStore }) }),
        LicensingApplicationModule,
        HistoricalImportModule.forRoot({ cutover, stagingDir: stagingDirIn(dataDir) }),
      ],
    };
  }
}

/** The API's access audit on its own, on the real clock: what the API's first start opens. */
@Module({})
class DemoAccessLogModule {
  static forRoot({ dataDir, eventStore }: DemoStore): DynamicModule {
    const store = eventStore && { eventStore };
    return {
      module: DemoAccessLogModule,
      imports: [
        InfrastructureModule.forRoot({ dataDir, clock: systemClock, ...store }),
        AccessAuditModule.forRoot({ dataDir, ...store }),
      ],
    };
  }
}

/**
 * Gives the new store its access log before its first event, as the API's first start would: the
 * API serves a store that holds events only with the log that recorded every read of them, and
 * starts one by itself only for a new installation. An empty store's existing log (an API started
 * on the folder before) is checked and kept.
 */
export async function startAccessLog(store: DemoStore): Promise<void> {
  const app = await NestFactory.createApplicationContext(DemoAccessLogModule.forRoot(store), {
    logger: ['warn', 'error'],
  });
  await app.close();
}

/** Raised when loading would mix sample data with a store that holds anything already. */
export class DemoRefusal extends Error {}

/** Where the events go, as an operator names it: the SQLite file, or the EventStoreDB address without credentials. */
export function eventStoreLocation({ dataDir, eventStore }: DemoStore): string {
  if (eventStore?.kind === 'esdb') return eventStore.connectionString.replace(/\/\/[^@/]*@/, '//');
  return join(dataDir, 'licences.sqlite');
}

/** Beyond this many the refusal says "more than": counting a big store page by page would only delay it. */
const COUNT_LIMIT = 100_000;

async function countEvents(store: EventStore): Promise<string> {
  let count = 0;
  let after = 0;
  while (count < COUNT_LIMIT) {
    const page = await store.readAll({ after, maxCount: 1000 });
    const last = page.at(-1);
    if (!last) return String(count);
    count += page.length;
    after = last.position;
  }
  return `more than ${COUNT_LIMIT}`;
}

/**
 * Sample data must never be mistaken for real decisions, nor mixed with them: the demo loads only
 * into an empty event store, and only with read models that have seen nothing yet (read models
 * ahead of an empty store would skip the demo's first events).
 */
export async function refuseUnlessEmpty(app: INestApplicationContext, store: DemoStore): Promise<void> {
  const events = app.get<symbol, EventStore>(EVENT_STORE);
  const hint =
    store.eventStore?.kind === 'esdb'
      ? 'point EVENTSTORE_CONNECTION_STRING at an empty store'
      : 'point LICENCES_DATA_DIR at a new folder';
  if ((await events.headPosition()) > 0) {
    throw new DemoRefusal(
      `the event store at ${eventStoreLocation(store)} already holds ${await countEvents(events)} events; ${hint}`,
    );
  }
  const readModels = app.get<symbol, ReadModelStore>(READ_MODEL_STORE);
  for (const name of PROJECTION_NAMES) {
    const checkpoint = await readModels.checkpoint(name);
    if (checkpoint > 0) {
      throw new DemoRefusal(
        `the read model ${name} already includes position ${checkpoint} of another store; ${hint}`,
      );
    }
  }
}
