import { EventIdConflictError, InvalidAppendError, WrongExpectedRevisionError } from '@licences/event-store';
import type { AppendResult } from '@licences/event-store';
import { idsOf, newEvent, newEvents, newStreamId } from '../event-store.fixtures';
import type { ConformanceContext } from './conformance-context';

const MANY_WRITERS = 50;

/**
 * Appends made at the same time, as concurrent requests make them: a store may write them
 * together (a group commit), but each must still succeed or fail on its own, exactly as alone.
 */
export function describeConcurrentAppends(context: ConformanceContext): void {
  describe('concurrent appends', () => {
    it(`acknowledges ${MANY_WRITERS} concurrent appends to different streams, each at its own stored position`, async () => {
      const { store } = context;
      const start = await store.headPosition();
      const batches = Array.from({ length: MANY_WRITERS }, (_, i) => ({
        streamId: newStreamId(),
        events: newEvents(1 + (i % 3)),
      }));

      const results = await Promise.all(
        batches.map(({ streamId, events }) => store.append(streamId, events, 'no-stream')),
      );

      expect(new Set(results.map((result) => result.position)).size).toBe(MANY_WRITERS);
      const all = await store.readAll({ after: start });
      const byId = new Map(all.map((event) => [event.id, event]));
      batches.forEach(({ streamId, events }, i) => {
        const last = byId.get(events.at(-1)!.id);
        expect(last).toMatchObject({ streamId, revision: events.length - 1 });
        expect(results[i]).toEqual({ nextRevision: events.length - 1, position: last!.position });
      });
      expect(new Set(all.map((event) => event.position)).size).toBe(all.length);
      expect(all).toHaveLength(batches.reduce((sum, { events }) => sum + events.length, 0));
    });

    it('fails only the conflicting appends among concurrent ones, storing all the others', async () => {
      const { store } = context;
      const taken = newStreamId();
      const stored = newEvent();
      await store.append(taken, [stored], 'no-stream');
      const good = Array.from({ length: 6 }, () => ({ streamId: newStreamId(), events: newEvents(2) }));
      const otherStream = newStreamId();

      const [first, stale, reused, empty, ...rest] = await Promise.allSettled([
        store.append(good[0]!.streamId, good[0]!.events, 'no-stream'),
        store.append(taken, [newEvent()], 'no-stream'),
        store.append(otherStream, [newEvent(), stored], 'no-stream'),
        store.append(newStreamId(), [], 'no-stream'),
        ...good.slice(1).map(({ streamId, events }) => store.append(streamId, events, 'no-stream')),
      ]);

      expect(first?.status).toBe('fulfilled');
      expect(rest.map((outcome) => outcome.status)).toEqual(good.slice(1).map(() => 'fulfilled'));
      expect(reasonOf(stale)).toBeInstanceOf(WrongExpectedRevisionError);
      expect(reasonOf(reused)).toBeInstanceOf(EventIdConflictError);
      expect(reasonOf(empty)).toBeInstanceOf(InvalidAppendError);
      for (const { streamId, events } of good) {
        expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(events));
      }
      expect(await store.streamRevision(otherStream)).toBeUndefined();
      expect(idsOf(await store.readStream(taken))).toEqual([stored.id]);
    });

    it('lets exactly one of two concurrent appends at the same expected revision succeed', async () => {
      const { store } = context;
      const streamId = newStreamId();
      await store.append(streamId, [newEvent()], 'no-stream');
      const candidates = [newEvent(), newEvent()];

      const outcomes = await Promise.allSettled(
        candidates.map((event) => store.append(streamId, [event], 0)),
      );

      const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.findIndex((outcome) => outcome.status === 'rejected');
      expect(won).not.toBe(-1);
      expect(lost).not.toBe(-1);
      expect((outcomes[won] as PromiseFulfilledResult<AppendResult>).value.nextRevision).toBe(1);
      expect(reasonOf(outcomes[lost])).toBeInstanceOf(WrongExpectedRevisionError);
      expect(idsOf(await store.readStream(streamId)).at(-1)).toBe(candidates[won]!.id);
      expect(await store.streamRevision(streamId)).toBe(1);
    });
  });
}

/** Why `outcome` was rejected; fails the test when it was not. */
function reasonOf(outcome: PromiseSettledResult<unknown> | undefined): unknown {
  if (outcome?.status !== 'rejected') throw new Error(`Expected a rejection, got ${JSON.stringify(outcome)}`);
  return outcome.reason;
}
