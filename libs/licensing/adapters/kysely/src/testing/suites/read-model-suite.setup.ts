import type { ReadModelStore } from '@licences/licensing-read-models';
import type { ReadModelBackendFactory } from '../read-model-backend';
import type { EventStoreFactory } from '../read-model-harness.fixture';

/** What each adapter's specs give the shared suites: where the events and the read models live. */
export interface ReadModelSuiteSetup<S extends ReadModelStore = ReadModelStore> {
  /** Names the backend in test titles ("SQLite", "PostgreSQL"). */
  readonly label: string;
  /** The events come from a real event store; this library may not depend on an adapter. */
  readonly openEventStore: EventStoreFactory;
  readonly backend: ReadModelBackendFactory<S>;
}
