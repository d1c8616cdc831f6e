import type { EventStore } from '@licences/event-store';

/** The store under test, read lazily because each test gets a fresh one. */
export interface ConformanceContext {
  readonly store: EventStore;
  reopen(): Promise<EventStore>;
}
