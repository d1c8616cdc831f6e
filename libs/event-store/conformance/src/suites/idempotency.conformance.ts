import { EventIdConflictError } from '@licences/event-store';
import type { NewEvent } from '@licences/event-store';
import { idsOf, newEvent, newEvents, newStreamId, rejectionOf } from '../event-store.fixtures';
import type { ConformanceContext } from './conformance-context';

export function describeIdempotency(context: ConformanceContext): void {
  /** How many times each id appears in the whole store. */
  async function occurrencesInAll(ids: readonly string[]): Promise<number[]> {
    const all = idsOf(await context.store.readAll());
    return ids.map((id) => all.filter((stored) => stored === id).length);
  }

  describe('idempotent append', () => {
    it('re-appending a fully stored batch succeeds as a no-op returning the stored revision and position', async () => {
      const { store } = context;
      const streamId = newStreamId();
      const batch = newEvents(2);
      const first = await store.append(streamId, batch, 'no-stream');
      const head = await store.headPosition();

      const retried = await store.append(streamId, batch, 'no-stream');

      expect(retried).toEqual(first);
      expect(await store.headPosition()).toBe(head);
      expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(batch));
      expect(await occurrencesInAll(idsOf(batch))).toEqual([1, 1]);
    });

    it('a retried batch still succeeds with its stored result after the stream moved on', async () => {
      const { store } = context;
      const streamId = newStreamId();
      const batch = newEvents(2);
      const first = await store.append(streamId, batch, 'no-stream');
      const later = newEvent();
      await store.append(streamId, [later], 1);

      const retriedAsNew = await store.append(streamId, batch, 'no-stream');
      const retriedStale = await store.append(streamId, batch, 0);
      const retriedAny = await store.append(streamId, batch, 'any');

      expect(retriedAsNew).toEqual(first);
      expect(retriedStale).toEqual(first);
      expect(retriedAny).toEqual(first);
      const stream = await store.readStream(streamId);
      expect(idsOf(stream)).toEqual([...idsOf(batch), later.id]);
      expect(stream.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(await occurrencesInAll([...idsOf(batch), later.id])).toEqual([1, 1, 1]);
    });

    it('stores only the new events of a batch mixing stored and new ids', async () => {
      const { store } = context;
      const streamId = newStreamId();
      const stored = newEvent();
      await store.append(streamId, [stored], 'no-stream');
      const fresh = newEvents(2);

      const result = await store.append(streamId, [stored, ...fresh], 0);

      expect(result.nextRevision).toBe(2);
      const stream = await store.readStream(streamId);
      expect(idsOf(stream)).toEqual([stored.id, ...idsOf(fresh)]);
      expect(stream.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(result.position).toBe(stream[2]!.position);
      expect(await occurrencesInAll(idsOf(stream))).toEqual([1, 1, 1]);
    });

    it('a genuine retry with other metadata and the data keys in another order is still a no-op', async () => {
      const { store } = context;
      const streamId = newStreamId();
      const original = newEvent({ data: { decision: 'extend', months: 12 } });
      const first = await store.append(streamId, [original], 'no-stream');

      const retry: NewEvent = {
        ...original,
        data: { months: 12, decision: 'extend' },
        metadata: { ...original.metadata, occurredAt: new Date(Date.now() + 60_000).toISOString() },
      };
      const retried = await store.append(streamId, [retry], 0);

      expect(retried).toEqual(first);
      const [stored] = await store.readStream(streamId);
      expect(stored?.metadata).toEqual(original.metadata);
      expect(await occurrencesInAll([original.id])).toEqual([1]);
    });
  });

  describe('an id reused for another event', () => {
    /** Appends the batch, expecting a refusal, and checks that the `untouched` streams did not change. */
    async function refused(
      streamId: string,
      batch: readonly NewEvent[],
      expected: 'no-stream' | number,
      untouched: readonly string[],
    ): Promise<unknown> {
      const { store } = context;
      const before = await Promise.all(untouched.map((id) => store.readStream(id)));
      const error = await rejectionOf(store.append(streamId, batch, expected));
      expect(await Promise.all(untouched.map((id) => store.readStream(id)))).toEqual(before);
      return error;
    }

    it.each([
      ['type', { type: 'SomethingElseHappened' }, 'other-type'],
      ['schema version', { schemaVersion: 2 }, 'other-schema-version'],
      ['data', { data: { value: 'something else' } }, 'other-data'],
    ] as const)(
      'in the same stream with another %s is refused with EventIdConflictError',
      async (_what, change, kind) => {
        const streamId = newStreamId();
        const stored = newEvent();
        await context.store.append(streamId, [stored], 'no-stream');

        const error = await refused(streamId, [{ ...stored, ...change }], 0, [streamId]);

        expect(error).toBeInstanceOf(EventIdConflictError);
        expect(error).toMatchObject({
          code: 'EVENT_ID_CONFLICT',
          streamId,
          eventId: stored.id,
          existingStreamId: streamId,
          kind,
        });
        // Refused whatever the expected revision, so a stale writer cannot pass it off as a retry.
        expect(
          await rejectionOf(context.store.append(streamId, [{ ...stored, ...change }], 'any')),
        ).toBeInstanceOf(EventIdConflictError);
      },
    );

    /** An event stored in `home`, and a name for another stream that does not exist yet. */
    async function storedAtHome() {
      const home = newStreamId();
      const stored = newEvent();
      await context.store.append(home, [stored], 'no-stream');
      return { home, other: newStreamId(), stored };
    }

    it('in another stream, even with the same content, is refused and that stream is not created', async () => {
      const { store } = context;
      const { home, other, stored } = await storedAtHome();

      const error = await refused(other, [stored], 'no-stream', [home, other]);

      expect(error).toBeInstanceOf(EventIdConflictError);
      expect(error).toMatchObject({
        streamId: other,
        eventId: stored.id,
        existingStreamId: home,
        kind: 'other-stream',
      });
      expect(await store.streamRevision(other)).toBeUndefined();
      expect(await occurrencesInAll([stored.id])).toEqual([1]);
    });

    it('in a batch with new events stores none of them, in the same stream or another', async () => {
      const { store } = context;
      const { home, other, stored } = await storedAtHome();
      const before = newEvents(2);
      const after = newEvents(2);
      const altered = { ...stored, data: { value: 'altered' } };

      const inHome = await refused(home, [...before, altered, ...after], 0, [home]);
      const inOther = await refused(other, [...before, stored, ...after], 'no-stream', [home, other]);

      expect(inHome).toMatchObject({ eventId: stored.id, kind: 'other-data' });
      expect(inOther).toMatchObject({ eventId: stored.id, kind: 'other-stream' });
      expect(await occurrencesInAll([...idsOf(before), ...idsOf(after)])).toEqual([0, 0, 0, 0]);
      // The new events are still free to be appended where they belong.
      await store.append(other, [...before, ...after], 'no-stream');
      expect(idsOf(await store.readStream(other))).toEqual([...idsOf(before), ...idsOf(after)]);
    });
  });
}
