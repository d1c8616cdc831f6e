import { randomUUID } from 'node:crypto';
import { firstValueFrom, take, timeout } from 'rxjs';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '@licences/event-store';
import { EsdbEventStore } from '@licences/event-store-esdb';
import { EventRecorder, idsOf, newEvent, newEvents } from '@licences/event-store-conformance';
import { EsdbStandIn } from '../esdb-stand-in/esdb-stand-in';

/** One delivery through the in-process gRPC stand-in (milliseconds when idle). */
const DELIVERY_MS = 10_000;

describe('EventStoreDB adapter: errors, retries and reconnection', () => {
  let standIn: EsdbStandIn;
  let store: EsdbEventStore;

  beforeEach(async () => {
    standIn = await EsdbStandIn.start();
    store = EsdbEventStore.connect({
      connectionString: standIn.connectionString,
      retry: { attempts: 3, baseDelayMs: 5 },
      resubscribeDelayMs: 20,
    });
  });

  afterEach(async () => {
    await store.close();
    await standIn.stop();
  });

  const stream = () => `licence-${randomUUID()}`;

  it.each(['not-leader', 'unavailable', 'deadline-exceeded'] as const)(
    'retries an append after %s and stores it exactly once',
    async (failure) => {
      const streamId = stream();
      standIn.failNext('append', failure);
      const events = newEvents(2);

      const result = await store.append(streamId, events, 'no-stream');

      expect(result.nextRevision).toBe(1);
      expect((await store.readStream(streamId)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    },
  );

  it('gives up after the retries with EventStoreUnavailableError and stores nothing', async () => {
    const streamId = stream();
    standIn.failNext('append', 'unavailable', 10);

    await expect(store.append(streamId, [newEvent()], 'no-stream')).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    expect(await store.readStream(streamId)).toEqual([]);
  });

  it('retries a read that met an unavailable node', async () => {
    const streamId = stream();
    await store.append(streamId, [newEvent()], 'no-stream');
    standIn.failNext('read', 'unavailable');

    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('maps WrongExpectedVersion to WrongExpectedRevisionError with the actual revision, without retrying', async () => {
    const streamId = stream();
    await store.append(streamId, newEvents(3), 'no-stream');
    const appendsBefore = standIn.calls['/event_store.client.streams.Streams/Append'] ?? 0;

    const error = await store.append(streamId, [newEvent()], 0).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId, expected: 0, actual: 2 });
    // One append claims the new event's id (esdb-event-id-claims.ts), one is the refused append.
    expect(standIn.calls['/event_store.client.streams.Streams/Append']).toBe(appendsBefore + 2);
  });

  it(
    'resubscribes after a dropped subscription from the last event delivered, without gaps or repeats',
    async () => {
      const streamId = stream();
      const first = newEvents(3);
      await store.append(streamId, first, 'no-stream');
      const recorder = new EventRecorder(store.subscribeToAll());
      try {
        // Dropped once it is live: the server registers it before the client sees the first event.
        await recorder.waitForCount(3, DELIVERY_MS);
        expect(standIn.openSubscriptions).toBe(1);

        standIn.dropSubscriptions();
        const second = newEvents(3);
        await store.append(streamId, second, 2);

        expect(idsOf(await recorder.waitForCount(6, DELIVERY_MS))).toEqual(idsOf([...first, ...second]));
      } finally {
        recorder.stop();
      }
    },
    2 * DELIVERY_MS + 10_000,
  );

  it(
    'resumes after a drop amid many system events (past the server checkpoints) without losing ours',
    async () => {
      const streamId = stream();
      const recorder = new EventRecorder(store.subscribeToAll());
      try {
        const ours = newEvents(4);
        await store.append(streamId, ours.slice(0, 2), 'no-stream');
        for (let i = 0; i < 100; i++) standIn.appendSystemEvent(`$stats-${i}`, '$statsCollected');
        await recorder.waitForCount(2, DELIVERY_MS);
        expect(standIn.openSubscriptions).toBe(1);
        // The checkpoints sent after the system events reach the adapter unseen by the test: this
        // gives them time to. Should they come later, the resume starts from the last event
        // delivered instead, and the test still holds (only less strictly).
        await new Promise((resolve) => setTimeout(resolve, 100));

        standIn.dropSubscriptions();
        await store.append(streamId, ours.slice(2), 1);

        expect(idsOf(await recorder.waitForCount(4, DELIVERY_MS))).toEqual(idsOf(ours));
      } finally {
        recorder.stop();
      }
    },
    2 * DELIVERY_MS + 10_000,
  );

  it('never shows system events in reads or subscriptions', async () => {
    standIn.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    const ours = newEvent();
    await store.append(stream(), [ours], 'no-stream');
    standIn.appendSystemEvent('$$licence-x', '$metadata');

    expect((await store.readAll()).map((e) => e.id)).toEqual([ours.id]);
    expect((await firstValueFrom(store.subscribeToAll().pipe(take(1), timeout(DELIVERY_MS)))).id).toBe(
      ours.id,
    );
    expect(await store.headPosition()).toBe((await store.readAll())[0]!.position);
  });
});
