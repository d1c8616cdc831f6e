import type { EventStore } from '@licences/event-store';
import { describeAppend } from './suites/append.conformance';
import { describeConcurrencyAndDurability } from './suites/concurrency-durability.conformance';
import { describeConcurrentAppends } from './suites/concurrent-appends.conformance';
import type { ConformanceContext } from './suites/conformance-context';
import { describeIdempotency } from './suites/idempotency.conformance';
import { describeRead } from './suites/read.conformance';
import { describeReadAllByStream } from './suites/read-by-stream.conformance';
import { describeSubscription } from './suites/subscription.conformance';

/** What an adapter's spec provides to run the suite: a store on fresh, empty storage per test. */
export interface EventStoreHarness {
  store: EventStore;
  /**
   * False when the storage is shared and may already hold events (a real server reached through
   * a connection string); tests then judge only what they wrote themselves.
   */
  freshStorage?: boolean;
  /** close and open the same storage again (durability) */
  reopen(): Promise<EventStore>;
  dispose(): Promise<void>;
}

/**
 * Registers the port's contract as Jest tests for one adapter. Every adapter runs exactly
 * these tests, so they check only what the port promises, never how an adapter stores events.
 */
export function runEventStoreConformance(
  adapterName: string,
  createHarness: () => Promise<EventStoreHarness>,
  /** What optional parts of the port the adapter offers; each is then held to its contract. */
  offers: { readonly readAllByStream: boolean } = { readAllByStream: false },
): void {
  describe(`EventStore conformance: ${adapterName}`, () => {
    let harness: EventStoreHarness | undefined;
    let current: EventStore | undefined;

    const context: ConformanceContext = {
      get freshStorage(): boolean {
        return harness?.freshStorage ?? true;
      },
      get store(): EventStore {
        if (!current) throw new Error('The harness is not set up');
        return current;
      },
      async reopen(): Promise<EventStore> {
        if (!harness) throw new Error('The harness is not set up');
        current = await harness.reopen();
        return current;
      },
    };

    beforeEach(async () => {
      harness = await createHarness();
      current = harness.store;
    });

    afterEach(async () => {
      const disposing = harness;
      harness = undefined;
      current = undefined;
      await disposing?.dispose();
    });

    describeAppend(context);
    describeIdempotency(context);
    describeRead(context);
    describeReadAllByStream(context, offers.readAllByStream);
    describeSubscription(context);
    describeConcurrencyAndDurability(context);
    describeConcurrentAppends(context);
  });
}
