import { WrongExpectedRevisionError } from '@licences/event-store';
import type { AppendResult } from '@licences/event-store';
import { idsOf, newEvent, newEvents, newStreamId } from '../event-store.fixtures';
import type { ConformanceContext } from './conformance-context';

const CONCURRENT_WRITERS = 10;

export function describeConcurrencyAndDurability(context: ConformanceContext): void {
  describe('concurrency', () => {
    it(`lets exactly one of ${CONCURRENT_WRITERS} concurrent appends at the same expected revision succeed`, async () => {
      const { store } = context;
      const streamId = newStreamId();
      await store.append(streamId, newEvents(2), 'no-stream');
      const candidates = newEvents(CONCURRENT_WRITERS);

      const outcomes = await Promise.allSettled(
        candidates.map((event) => store.append(streamId, [event], 1)),
      );

      const fulfilled = outcomes.filter(
        (outcome): outcome is PromiseFulfilledResult<AppendResult> => outcome.status === 'fulfilled',
      );
      const rejected = outcomes.filter(
        (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
      );
      expect(fulfilled).toHaveLength(1);
      expect(fulfilled[0]!.value.nextRevision).toBe(2);
      expect(rejected).toHaveLength(CONCURRENT_WRITERS - 1);
      for (const { reason } of rejected) {
        expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(reason).toMatchObject({ streamId, expected: 1, actual: 2 });
      }
      const stream = await store.readStream(streamId);
      expect(stream).toHaveLength(3);
      const winner = candidates[outcomes.findIndex((outcome) => outcome.status === 'fulfilled')]!;
      expect(stream[2]!.id).toBe(winner.id);
    });

    it(`lets exactly one of ${CONCURRENT_WRITERS} concurrent no-stream appends create the stream`, async () => {
      const { store } = context;
      const streamId = newStreamId();

      const outcomes = await Promise.allSettled(
        newEvents(CONCURRENT_WRITERS).map((event) => store.append(streamId, [event], 'no-stream')),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      expect(await store.readStream(streamId)).toHaveLength(1);
    });

    it('gives distinct, increasing positions to concurrent appends to different streams', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const batches = Array.from({ length: CONCURRENT_WRITERS }, () => ({
        streamId: newStreamId(),
        events: newEvents(2),
      }));

      const results = await Promise.all(
        batches.map(({ streamId, events }) => store.append(streamId, events, 'any')),
      );

      const positions = results.map((result) => result.position);
      expect(new Set(positions).size).toBe(CONCURRENT_WRITERS);
      const all = await store.readAll({ after: start });
      expect(all).toHaveLength(CONCURRENT_WRITERS * 2);
      expect(new Set(all.map((event) => event.position)).size).toBe(all.length);
      expect(new Set(idsOf(all))).toEqual(new Set(batches.flatMap(({ events }) => idsOf(events))));
      for (const { streamId, events } of batches) {
        expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(events));
      }
    });
  });

  describe('durability', () => {
    it('keeps every acknowledged event, with the same positions, after reopening', async () => {
      const { store } = context;
      const first = newStreamId();
      const second = newStreamId();
      await store.append(first, newEvents(3), 'no-stream');
      await store.append(second, newEvents(2), 'no-stream');
      await store.append(first, [newEvent()], 2);
      const before = await store.readAll();
      const head = await store.headPosition();

      const reopened = await context.reopen();

      expect(await reopened.readAll()).toEqual(before);
      expect(await reopened.headPosition()).toBe(head);
      expect(await reopened.streamRevision(first)).toBe(3);
      expect(await reopened.streamRevision(second)).toBe(1);
    });

    it('continues revisions and positions after reopening', async () => {
      const { store } = context;
      const streamId = newStreamId();
      const { position } = await store.append(streamId, newEvents(2), 'no-stream');

      const reopened = await context.reopen();
      const result = await reopened.append(streamId, [newEvent()], 1);

      expect(result.nextRevision).toBe(2);
      expect(result.position).toBeGreaterThan(position);
      await expect(reopened.append(streamId, [newEvent()], 1)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
    });

    it('still recognises stored ids after reopening', async () => {
      const { store } = context;
      const streamId = newStreamId();
      const batch = newEvents(2);
      const first = await store.append(streamId, batch, 'no-stream');

      const reopened = await context.reopen();
      const retried = await reopened.append(streamId, batch, 'no-stream');

      expect(retried).toEqual(first);
      expect(idsOf(await reopened.readStream(streamId))).toEqual(idsOf(batch));
    });
  });
}
