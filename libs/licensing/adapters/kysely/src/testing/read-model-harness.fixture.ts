/*
 * Test support: a temporary folder with an event store and any number of read-model stores of one
 * backend (SQLite or PostgreSQL), and the scenario most tests project.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@licences/event-store';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { ProjectionTarget, ReadModelStore } from '@licences/licensing-read-models';
import type { ReadModelBackend, ReadModelBackendFactory, SchemaObject } from './read-model-backend';
import {
  answerSondage,
  applyAfterSondage,
  deny,
  details,
  extend,
  goods,
  issue,
  LicenceEventWriter,
  register,
  proposeRevocation,
  approveRevocation,
  REVIEWER,
  SUPERVISOR,
  TestClock,
} from './licence-events.fixture';

/** Cases of the lifecycle scenario. */
export const A = 'case-a';
export const B = 'case-b';
export const C = 'case-c';

export type EventStoreFactory = (file: string, clock: () => Date) => EventStore;

export class ReadModelHarness<S extends ReadModelStore = ReadModelStore> {
  readonly writer: LicenceEventWriter;
  private readonly stores: S[] = [];

  private constructor(
    readonly dir: string,
    readonly clock: TestClock,
    readonly events: EventStore,
    private readonly backend: ReadModelBackend<S>,
  ) {
    this.writer = new LicenceEventWriter(events, clock);
  }

  /** The event store and backend come from the spec: this library may not depend on an adapter. */
  static async create<S extends ReadModelStore>(
    openEventStore: EventStoreFactory,
    backendFactory: ReadModelBackendFactory<S>,
  ): Promise<ReadModelHarness<S>> {
    const dir = await mkdtemp(join(tmpdir(), 'read-models-'));
    try {
      const clock = new TestClock();
      const backend = await backendFactory(dir);
      return new ReadModelHarness(dir, clock, openEventStore(join(dir, 'events.sqlite'), clock.now), backend);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get label(): string {
    return this.backend.label;
  }

  /** Opens (creating it when new) the store of the database `name`; closed by dispose(). */
  async openStore(name = 'read-models'): Promise<{ store: S; db: string }> {
    const opened = await this.backend.open(name);
    this.stores.push(opened.store);
    return opened;
  }

  dumpTables(db: string): Promise<Record<string, unknown[]>> {
    return this.backend.dumpTables(db);
  }

  schemaObjects(db: string): Promise<SchemaObject[]> {
    return this.backend.schemaObjects(db);
  }

  async tableNames(db: string): Promise<string[]> {
    return (await this.schemaObjects(db)).filter((o) => o.type === 'table').map((o) => o.name);
  }

  execute(db: string, sql: string): Promise<void> {
    return this.backend.execute(db, sql);
  }

  async projectAll(store: S, batch: readonly RecordedEvent[], target?: ProjectionTarget): Promise<void> {
    for (const name of PROJECTION_NAMES) await store.project(name, batch, target);
  }

  checkpoints(store: S, target?: ProjectionTarget): Promise<number[]> {
    return Promise.all(PROJECTION_NAMES.map((name) => store.checkpoint(name, target)));
  }

  /** A fresh store with every stored event projected: what any rebuild must come to. */
  async projectedFromScratch(name: string): Promise<{ store: S; db: string }> {
    const fresh = await this.openStore(name);
    await this.projectAll(fresh.store, await this.events.readAll());
    return fresh;
  }

  /** Two licences through their whole life (B by way of a sondage), interleaved, and a denied case. */
  async writeLifecycles(): Promise<void> {
    const decide = this.writer.decide.bind(this.writer);
    const toSaudiArabia = details({
      destinations: [{ country: 'SA', endUser: 'Royal Saudi Land Forces' }],
      goods: goods('ML1.a'),
    });
    const toRussia = details({ destinations: [{ country: 'RU', endUser: 'Ministry of Defence' }] });
    await decide(A, register(A, details({ goods: goods('ML10.a', 'ML5') })), '2024-01-15T12:00:00Z');
    await decide(B, register(B, toSaudiArabia, 'sondage'), '2024-01-20T12:00:00Z');
    await decide(B, answerSondage(), '2024-01-25T12:00:00Z');
    await decide(B, applyAfterSondage(), '2024-01-28T12:00:00Z');
    await decide(A, issue(), '2024-02-01T12:00:00Z', SUPERVISOR); // rule allies: until 2027-01-31
    await decide(B, issue(), '2024-02-05T12:00:00Z', SUPERVISOR); // rule default: until 2025-02-04
    await decide(B, extend(), '2024-12-02T12:00:00Z'); // until 2025-12-01
    await decide(A, extend(), '2025-03-03T12:00:00Z'); // until 2028-03-02
    await decide(B, extend(), '2025-06-02T12:00:00Z'); // until 2026-06-01
    await decide(B, proposeRevocation('2025-08-25'), '2025-08-28T12:00:00Z');
    await decide(B, approveRevocation(), '2025-09-01T12:00:00Z', REVIEWER);
    await decide(A, extend(), '2026-01-12T12:00:00Z'); // until 2029-01-11
    await decide(C, register(C, toRussia), '2026-02-01T12:00:00Z');
    await decide(C, deny(), '2026-02-10T12:00:00Z', SUPERVISOR);
    // Proposed by the official who issued it; approved by one who neither proposed nor decided it.
    await decide(A, proposeRevocation('2026-05-20'), '2026-05-25T12:00:00Z', SUPERVISOR);
    await decide(A, approveRevocation(), '2026-06-01T12:00:00Z', REVIEWER);
  }

  async dispose(): Promise<void> {
    try {
      for (const store of this.stores) await store.close();
      await this.events.close();
    } finally {
      try {
        await this.backend.dispose();
      } finally {
        await rm(this.dir, { recursive: true, force: true });
      }
    }
  }
}
