import { InvalidAppendError, WrongExpectedRevisionError } from '@licences/event-store';
import type { NewEvent } from '@licences/event-store';
import { idsOf, newEvent, newEvents, newStreamId, rejectionOf } from '../event-store.fixtures';
import type { ConformanceContext } from './conformance-context';

export function describeAppend(context: ConformanceContext): void {
  describe('append', () => {
    /** Asserts that nothing of `batch` reached the store and that the head did not move. */
    async function expectNothingStored(batch: readonly NewEvent[], headBefore: number): Promise<void> {
      const { store } = context;
      expect(await store.headPosition()).toBe(headBefore);
      const all = await store.readAll({ after: 0 });
      const stored = new Set(idsOf(all));
      for (const event of batch) expect(stored.has(event.id)).toBe(false);
    }

    describe('expected revision', () => {
      it('creates a stream at revision 0 when appending one event with no-stream', async () => {
        const { store } = context;
        const streamId = newStreamId();

        const result = await store.append(streamId, [newEvent()], 'no-stream');

        expect(result.nextRevision).toBe(0);
        expect(result.position).toBeGreaterThan(0);
        expect(result.position).toBe(await store.headPosition());
        expect(await store.streamRevision(streamId)).toBe(0);
        const stored = await store.readStream(streamId);
        expect(stored.map((event) => event.revision)).toEqual([0]);
        expect(stored[0]?.position).toBe(result.position);
      });

      it('assigns consecutive revisions and increasing positions to the events of one batch', async () => {
        const { store } = context;
        const streamId = newStreamId();
        const batch = newEvents(3);

        const result = await store.append(streamId, batch, 'no-stream');

        const stored = await store.readStream(streamId);
        expect(idsOf(stored)).toEqual(idsOf(batch));
        expect(stored.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(stored[1]!.position).toBeGreaterThan(stored[0]!.position);
        expect(stored[2]!.position).toBeGreaterThan(stored[1]!.position);
        expect(result).toEqual({ nextRevision: 2, position: stored[2]!.position });
      });

      it('rejects no-stream on an existing stream with WrongExpectedRevisionError carrying the actual revision', async () => {
        const { store } = context;
        const streamId = newStreamId();
        await store.append(streamId, newEvents(2), 'no-stream');

        const error = await rejectionOf(store.append(streamId, [newEvent()], 'no-stream'));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 'no-stream', actual: 1 });
        expect(await store.streamRevision(streamId)).toBe(1);
      });

      it('appends when the expected revision equals the revision of the last event', async () => {
        const { store } = context;
        const streamId = newStreamId();
        await store.append(streamId, newEvents(2), 'no-stream');

        const result = await store.append(streamId, newEvents(2), 1);

        expect(result.nextRevision).toBe(3);
        const stored = await store.readStream(streamId);
        expect(stored.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
      });

      it('rejects a stale expected revision', async () => {
        const { store } = context;
        const streamId = newStreamId();
        await store.append(streamId, newEvents(3), 'no-stream');

        const error = await rejectionOf(store.append(streamId, [newEvent()], 0));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 0, actual: 2 });
      });

      it('rejects an expected revision ahead of the stream', async () => {
        const { store } = context;
        const streamId = newStreamId();
        await store.append(streamId, newEvents(2), 'no-stream');

        const error = await rejectionOf(store.append(streamId, [newEvent()], 5));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 5, actual: 1 });
      });

      it('rejects an expected revision number on a missing stream with actual undefined', async () => {
        const { store } = context;
        const streamId = newStreamId();

        const error = await rejectionOf(store.append(streamId, [newEvent()], 0));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 0 });
        expect((error as WrongExpectedRevisionError).actual).toBeUndefined();
        expect(await store.streamRevision(streamId)).toBeUndefined();
      });

      it('always appends with any, whether the stream exists or not', async () => {
        const { store } = context;
        const streamId = newStreamId();

        const created = await store.append(streamId, [newEvent()], 'any');
        const extended = await store.append(streamId, newEvents(2), 'any');

        expect(created.nextRevision).toBe(0);
        expect(extended.nextRevision).toBe(2);
        expect((await store.readStream(streamId)).map((event) => event.revision)).toEqual([0, 1, 2]);
      });
    });

    describe('atomicity and validation', () => {
      it('stores nothing of a batch whose revision check fails, so its ids can be appended later', async () => {
        const { store } = context;
        const streamId = newStreamId();
        await store.append(streamId, newEvents(2), 'no-stream');
        const head = await store.headPosition();
        const batch = newEvents(3);

        await expect(store.append(streamId, batch, 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);

        await expectNothingStored(batch, head);
        expect(await store.readStream(streamId)).toHaveLength(2);
        const retried = await store.append(streamId, batch, 1);
        expect(retried.nextRevision).toBe(4);
        expect(idsOf(await store.readStream(streamId, { fromRevision: 2 }))).toEqual(idsOf(batch));
      });

      it('rejects an empty batch with InvalidAppendError and creates no stream', async () => {
        const { store } = context;
        const streamId = newStreamId();
        const head = await store.headPosition();

        await expect(store.append(streamId, [], 'no-stream')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(streamId, [], 'any')).rejects.toBeInstanceOf(InvalidAppendError);

        expect(await store.streamRevision(streamId)).toBeUndefined();
        expect(await store.headPosition()).toBe(head);
      });

      it('rejects a batch with an event whose id is empty and stores none of it', async () => {
        const { store } = context;
        const streamId = newStreamId();
        const head = await store.headPosition();
        const batch = [newEvent(), newEvent({ id: '' })];

        await expect(store.append(streamId, batch, 'no-stream')).rejects.toBeInstanceOf(InvalidAppendError);

        await expectNothingStored(batch, head);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('rejects an event whose id is not a UUID and stores none of the batch', async () => {
        const { store } = context;
        const streamId = newStreamId();
        const head = await store.headPosition();
        const batch = [newEvent(), newEvent({ id: 'event-1' })];

        await expect(store.append(streamId, batch, 'no-stream')).rejects.toBeInstanceOf(InvalidAppendError);

        await expectNothingStored(batch, head);
      });

      it('keeps the original recordedAt of a copied event', async () => {
        const { store } = context;
        const streamId = newStreamId();
        const copied = { ...newEvent(), recordedAt: '2020-01-02T03:04:05.678Z' };
        const fresh = newEvent();

        await store.append(streamId, [copied], 'no-stream');
        await store.append(streamId, [fresh], 0);

        const [first, second] = await store.readStream(streamId);
        if ((await store.readAll()).length === 2) {
          // On an empty store nothing recorded earlier forces a later time on the copy.
          expect(first?.recordedAt).toBe('2020-01-02T03:04:05.678Z');
        }
        expect(Date.parse(first!.recordedAt)).toBeLessThanOrEqual(Date.parse(second!.recordedAt));
        expect(first).not.toHaveProperty('recordedAt', undefined);
      });

      it('rejects a batch with an event whose type is empty and stores none of it', async () => {
        const { store } = context;
        const streamId = newStreamId();
        const head = await store.headPosition();
        const batch = [newEvent(), newEvent({ type: '' })];

        await expect(store.append(streamId, batch, 'any')).rejects.toBeInstanceOf(InvalidAppendError);

        await expectNothingStored(batch, head);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('rejects a batch containing the same id twice and stores none of it', async () => {
        const { store } = context;
        const streamId = newStreamId();
        const head = await store.headPosition();
        const twice = newEvent();
        const batch = [twice, newEvent(), { ...newEvent(), id: twice.id }];

        await expect(store.append(streamId, batch, 'no-stream')).rejects.toBeInstanceOf(InvalidAppendError);

        await expectNothingStored(batch, head);
        expect(await store.streamRevision(streamId)).toBeUndefined();
      });
    });
  });
}
