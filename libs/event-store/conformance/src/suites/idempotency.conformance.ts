import { idsOf, newEvent, newEvents, newStreamId } from '../event-store.fixtures';
import type { ConformanceContext } from './conformance-context';

export function describeIdempotency(context: ConformanceContext): void {
  describe('idempotent append', () => {
    /** How many times each id appears in the whole store. */
    async function occurrencesInAll(ids: readonly string[]): Promise<number[]> {
      const all = idsOf(await context.store.readAll());
      return ids.map((id) => all.filter((stored) => stored === id).length);
    }

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
  });
}
