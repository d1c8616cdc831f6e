import type { RecordedEvent } from '@licences/event-store';
import type { ReadModelStore } from '@licences/licensing-read-models';
import type { ReadModelBackendFactory } from '../read-model-backend';
import { ReadModelHarness } from '../read-model-harness.fixture';
import type { EventStoreFactory } from '../read-model-harness.fixture';

/** What each adapter's specs give the shared suites: where the events and the read models live. */
export interface ReadModelSuiteSetup<S extends ReadModelStore = ReadModelStore> {
  /** Names the backend in test titles ("SQLite", "PostgreSQL"). */
  readonly label: string;
  /** The events come from a real event store; this library may not depend on an adapter. */
  readonly openEventStore: EventStoreFactory;
  readonly backend: ReadModelBackendFactory<S>;
}

/** What a suite using `lifecyclesPerTest` reads in its tests: the harness and every stored event. */
export interface LifecyclesFixture {
  readonly h: ReadModelHarness;
  readonly all: RecordedEvent[];
}

/**
 * Registers, in the calling `describe`, a fresh harness per test holding the lifecycles
 * (`writeLifecycles`), disposed after it. Read the fixture inside tests, not while registering.
 */
export function lifecyclesPerTest(setup: ReadModelSuiteSetup): LifecyclesFixture {
  const fixture = { h: undefined as unknown as ReadModelHarness, all: [] as RecordedEvent[] };
  beforeEach(async () => {
    fixture.h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
    await fixture.h.writeLifecycles();
    fixture.all = await fixture.h.events.readAll();
  });
  afterEach(() => fixture.h.dispose());
  return fixture;
}
