import type { NewEvent, RecordedEvent } from '@licences/event-store';
import {
  EventRecorder,
  collectEvents,
  delay,
  idsOf,
  newEvent,
  newEvents,
  newStreamId,
} from '../event-store.fixtures';
import type { ConformanceContext } from './conformance-context';

/** How long the large catch-up case waits for delivery, and its own bound above that wait. */
const CATCH_UP_DELIVERY_MS = 60_000;
const CATCH_UP_TEST_MS = 180_000;

/** How long a stopped subscription must stay silent; longer than any sane polling interval. */
const QUIET_PERIOD_MS = 500;

export function describeSubscription(context: ConformanceContext): void {
  describe('subscribeToAll', () => {
    const recorders: EventRecorder[] = [];
    const record = (options?: { after?: number }): EventRecorder => {
      const recorder = new EventRecorder(context.store.subscribeToAll(options));
      recorders.push(recorder);
      return recorder;
    };

    afterEach(() => {
      for (const recorder of recorders.splice(0)) recorder.stop();
    });

    /** Exactly what readAll holds after `after`: the subscription must match it event for event. */
    async function expectSameAsReadAll(delivered: readonly RecordedEvent[], after: number): Promise<void> {
      const stored = await context.store.readAll({ after });
      expect(delivered.map((event) => event.position)).toEqual(stored.map((event) => event.position));
      expect(delivered).toEqual(stored);
    }

    it('delivers the stored events first, then live appends, in order', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const streamId = newStreamId();
      const stored = newEvents(3);
      await store.append(streamId, stored, 'no-stream');

      const recorder = record({ after: start });
      await recorder.waitForCount(3);
      const live = newEvents(3);
      await store.append(streamId, live.slice(0, 1), 2);
      await store.append(newStreamId(), live.slice(1), 'no-stream');
      const delivered = await recorder.waitForCount(6);

      expect(idsOf(delivered)).toEqual([...idsOf(stored), ...idsOf(live)]);
      await expectSameAsReadAll(delivered, start);
    });

    it('delivers only the events after the given exclusive position', async () => {
      const { store } = context;
      const streamId = newStreamId();
      const events = newEvents(4);
      await store.append(streamId, events.slice(0, 2), 'no-stream');
      const { position } = await store.append(streamId, events.slice(2), 1);
      const [, second] = await store.readStream(streamId);

      const delivered = await collectEvents(store.subscribeToAll({ after: second!.position }), 2);

      expect(idsOf(delivered)).toEqual(idsOf(events.slice(2)));
      expect(delivered[1]!.position).toBe(position);
    });

    it('delivers live events to a subscription started on an empty store', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const recorder = record({ after: start });
      const events = newEvents(3);

      for (const event of events) await store.append(newStreamId(), [event], 'no-stream');
      const delivered = await recorder.waitForCount(3);

      expect(idsOf(delivered)).toEqual(idsOf(events));
      await expectSameAsReadAll(delivered, start);
    });

    // 1,230 appends then their delivery: through the EventStoreDB client and its in-process gRPC
    // stand-in this took 13 s alone on an idle 2-core machine and over 30 s late in a full run,
    // so the test's own bound sits well above the wait for delivery inside it.
    it(
      'delivers every event exactly once, in order, when appends happen during catch-up',
      async () => {
        const { store } = context;
        const start = await store.headPosition();
        const streamId = newStreamId();
        const backlog: NewEvent[] = [];
        for (let batch = 0; batch < 12; batch++) {
          const events = newEvents(100);
          await store.append(streamId, events, batch === 0 ? 'no-stream' : batch * 100 - 1);
          backlog.push(...events);
        }

        const recorder = record({ after: start });
        const live: NewEvent[] = [];
        for (let i = 0; i < 30; i++) {
          const event = newEvent();
          live.push(event);
          await store.append(newStreamId(), [event], 'no-stream');
          if (i % 5 === 0) await delay(1);
        }
        const delivered = await recorder.waitForCount(backlog.length + live.length, CATCH_UP_DELIVERY_MS);
        await delay(50);

        expect(delivered).toHaveLength(backlog.length + live.length);
        expect(new Set(idsOf(delivered)).size).toBe(delivered.length);
        expect(idsOf(delivered)).toEqual([...idsOf(backlog), ...idsOf(live)]);
        await expectSameAsReadAll(delivered, start);
      },
      CATCH_UP_TEST_MS,
    );

    it('stops delivering after unsubscribing', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const streamId = newStreamId();
      await store.append(streamId, [newEvent()], 'no-stream');
      const recorder = record({ after: start });
      await recorder.waitForCount(1);

      recorder.stop();
      await store.append(streamId, newEvents(2), 0);
      await delay(QUIET_PERIOD_MS);

      expect(recorder.events).toHaveLength(1);
      expect(recorder.error).toBeUndefined();
    });

    it('delivers everything to each of two subscribers', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const streamId = newStreamId();
      const stored = newEvents(2);
      await store.append(streamId, stored, 'no-stream');

      const first = record({ after: start });
      const second = record({ after: start });
      const live = newEvents(3);
      await store.append(streamId, live, 1);
      const firstDelivered = await first.waitForCount(5);
      const secondDelivered = await second.waitForCount(5);

      expect(idsOf(firstDelivered)).toEqual([...idsOf(stored), ...idsOf(live)]);
      expect(secondDelivered).toEqual(firstDelivered);
      await expectSameAsReadAll(firstDelivered, start);
    });

    it('keeps delivering to one subscriber after another unsubscribes', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const streamId = newStreamId();
      const leaving = record({ after: start });
      const staying = record({ after: start });
      await store.append(streamId, [newEvent()], 'no-stream');
      await leaving.waitForCount(1);
      await staying.waitForCount(1);

      leaving.stop();
      await store.append(streamId, newEvents(2), 0);

      expect(await staying.waitForCount(3)).toHaveLength(3);
      expect(leaving.events).toHaveLength(1);
    });
  });
}
