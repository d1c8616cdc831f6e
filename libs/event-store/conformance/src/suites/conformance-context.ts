import type { EventStore } from '@licences/event-store';

/** The store under test, read lazily because each test gets a fresh one. */
export interface ConformanceContext {
  readonly store: EventStore;
  /** False when other events may already be in the store (a shared real server). */
  readonly freshStorage: boolean;
  reopen(): Promise<EventStore>;
}
