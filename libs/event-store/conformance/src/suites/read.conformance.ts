import type { NewEvent, RecordedEvent } from '@licences/event-store';
import { idsOf, newEvent, newEvents, newStreamId } from '../event-store.fixtures';
import type { ConformanceContext } from './conformance-context';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function expectStrictlyIncreasing(positions: readonly number[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]!);
}

export function describeRead(context: ConformanceContext): void {
  /** A stream of `count` events appended one by one, so revisions and positions are known. */
  async function streamOf(count: number): Promise<{ streamId: string; events: NewEvent[] }> {
    const streamId = newStreamId();
    const events = newEvents(count);
    await context.store.append(streamId, events, 'no-stream');
    return { streamId, events };
  }

  describe('readStream', () => {
    it('reads a stream forwards in revision order by default', async () => {
      const { streamId, events } = await streamOf(4);

      const stored = await context.store.readStream(streamId);

      expect(idsOf(stored)).toEqual(idsOf(events));
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
      expect(stored.every((event) => event.streamId === streamId)).toBe(true);
    });

    it('reads a stream backwards from its last event', async () => {
      const { streamId, events } = await streamOf(4);

      const stored = await context.store.readStream(streamId, { direction: 'backwards' });

      expect(idsOf(stored)).toEqual(idsOf(events).reverse());
      expect(stored.map((event) => event.revision)).toEqual([3, 2, 1, 0]);
    });

    it('starts at fromRevision, inclusive, when reading forwards', async () => {
      const { streamId, events } = await streamOf(5);

      const stored = await context.store.readStream(streamId, { fromRevision: 2 });

      expect(idsOf(stored)).toEqual(idsOf(events.slice(2)));
      expect(stored.map((event) => event.revision)).toEqual([2, 3, 4]);
    });

    it('starts at fromRevision, inclusive, when reading backwards', async () => {
      const { streamId } = await streamOf(5);

      const stored = await context.store.readStream(streamId, { direction: 'backwards', fromRevision: 2 });

      expect(stored.map((event) => event.revision)).toEqual([2, 1, 0]);
    });

    it('returns at most maxCount events in either direction', async () => {
      const { store } = context;
      const { streamId } = await streamOf(6);

      const revisions = async (options: Parameters<typeof store.readStream>[1]): Promise<number[]> =>
        (await store.readStream(streamId, options)).map((event) => event.revision);

      expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([5, 4]);
      expect(await revisions({ fromRevision: 3, maxCount: 2 })).toEqual([3, 4]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
      expect(await revisions({ fromRevision: 4, maxCount: 10 })).toEqual([4, 5]);
    });

    it('reads an unknown stream as empty', async () => {
      const { store } = context;
      await streamOf(1);

      expect(await store.readStream(newStreamId())).toEqual([]);
      expect(await store.readStream(newStreamId(), { direction: 'backwards' })).toEqual([]);
    });

    it('reads only the events of the requested stream', async () => {
      const { store } = context;
      const first = newStreamId();
      const second = newStreamId();
      const [a, b, c, d] = newEvents(4) as [NewEvent, NewEvent, NewEvent, NewEvent];
      await store.append(first, [a], 'no-stream');
      await store.append(second, [b], 'no-stream');
      await store.append(first, [c], 0);
      await store.append(second, [d], 0);

      expect(idsOf(await store.readStream(first))).toEqual([a.id, c.id]);
      expect(idsOf(await store.readStream(second))).toEqual([b.id, d.id]);
    });

    it('streamRevision is undefined for an unknown stream and the last revision otherwise', async () => {
      const { store } = context;
      const streamId = newStreamId();

      expect(await store.streamRevision(streamId)).toBeUndefined();
      await store.append(streamId, newEvents(3), 'no-stream');
      expect(await store.streamRevision(streamId)).toBe(2);
      await store.append(streamId, [newEvent()], 2);
      expect(await store.streamRevision(streamId)).toBe(3);
    });
  });

  describe('readAll and headPosition', () => {
    it('headPosition is 0 on an empty store and readAll reads nothing after the head', async () => {
      const head = await context.store.headPosition();
      if (context.freshStorage) expect(head).toBe(0);
      expect(await context.store.readAll({ after: head })).toEqual([]);
    });

    it('reads the events of all streams in global append order with strictly increasing positions', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const first = newStreamId();
      const second = newStreamId();
      const appended: NewEvent[] = [];
      for (const [streamId, expected] of [
        [first, 'no-stream'],
        [second, 'no-stream'],
        [first, 1],
        [second, 1],
      ] as const) {
        const batch = newEvents(2);
        await store.append(streamId, batch, expected);
        appended.push(...batch);
      }

      const all = await store.readAll({ after: start });

      expect(idsOf(all)).toEqual(idsOf(appended));
      expect(all.map((event) => event.streamId)).toEqual([
        first,
        first,
        second,
        second,
        first,
        first,
        second,
        second,
      ]);
      expectStrictlyIncreasing(all.map((event) => event.position));
      expect(all[0]!.position).toBeGreaterThan(start);
    });

    it('reads after an exclusive position', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const { events } = await streamOf(5);
      const all = await store.readAll({ after: start });

      const rest = await store.readAll({ after: all[1]!.position });

      expect(idsOf(rest)).toEqual(idsOf(events.slice(2)));
      expect(await store.readAll({ after: all[4]!.position })).toEqual([]);
    });

    it('returns at most maxCount events', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const { events } = await streamOf(5);

      const page = await store.readAll({ after: start, maxCount: 2 });
      const next = await store.readAll({ after: page[1]!.position, maxCount: 2 });

      expect(idsOf(page)).toEqual(idsOf(events.slice(0, 2)));
      expect(idsOf(next)).toEqual(idsOf(events.slice(2, 4)));
    });

    it('reads only the streams of a prefix, in global order, with after and maxCount among them', async () => {
      const { store } = context;
      const start = await store.headPosition();
      // The same unique middle keeps other tests' streams out; `…-alphabet` shares all but the dash.
      const tag = newStreamId('prefix');
      const alpha = [`${tag}-alpha-1`, `${tag}-alpha-2`];
      const appended: NewEvent[] = [];
      for (const streamId of [alpha[0]!, `${tag}-beta-1`, alpha[1]!, `${tag}-alphabet-1`, alpha[0]!]) {
        const batch = newEvents(2);
        await store.append(streamId, batch, 'any');
        if (alpha.includes(streamId)) appended.push(...batch);
      }

      const selected = await store.readAll({ after: start, streamPrefix: `${tag}-alpha-` });
      const page = await store.readAll({ after: start, maxCount: 3, streamPrefix: `${tag}-alpha-` });
      const rest = await store.readAll({ after: page[2]!.position, streamPrefix: `${tag}-alpha-` });

      expect(idsOf(selected)).toEqual(idsOf(appended));
      expect(selected.map((event) => event.streamId)).toEqual([
        alpha[0],
        alpha[0],
        alpha[1],
        alpha[1],
        alpha[0],
        alpha[0],
      ]);
      expectStrictlyIncreasing(selected.map((event) => event.position));
      expect(idsOf(page)).toEqual(idsOf(appended.slice(0, 3)));
      expect(idsOf(rest)).toEqual(idsOf(appended.slice(3)));
      expect(await store.readAll({ after: start, streamPrefix: `${tag}-gamma-` })).toEqual([]);
    });

    it('refuses an empty stream prefix rather than reading everything', async () => {
      await expect(context.store.readAll({ streamPrefix: '' })).rejects.toThrow(RangeError);
    });

    it('headPosition equals the position of the last stored event', async () => {
      const { store } = context;
      await streamOf(3);
      const result = await store.append(newStreamId(), newEvents(2), 'no-stream');

      const head = await store.headPosition();
      const all = await store.readAll();

      expect(head).toBe(result.position);
      expect(head).toBe(all[all.length - 1]!.position);
    });
  });

  describe('round trip', () => {
    it('returns every field of an appended event unchanged, from readStream and readAll alike', async () => {
      const { store } = context;
      const streamId = newStreamId('round-trip');
      const event = newEvent({
        type: 'LicenceIssued',
        schemaVersion: 3,
        data: {
          licenceNumber: 'LIC-2024-0001',
          holder: { name: 'Société Générale d’Armement — Ærø Øst', city: 'Zürich', emoji: '🛡️✈️' },
          goods: [
            { code: 'ML10.a', quantity: 12, unitPrice: 1234.56 },
            { code: '9A610', quantity: 0, unitPrice: -0.5, tags: [] },
          ],
          limits: { max: Number.MAX_SAFE_INTEGER, min: -42, ratio: 1e-7 },
          approved: true,
          revoked: false,
          note: null,
          chinese: '出口许可证',
        },
        metadata: {
          occurredAt: '2024-03-07T10:15:30.123Z',
          actor: { sub: 'auth0|officer-42', role: 'licensing-officer' },
          correlationId: 'correlation-1',
          causationId: 'command-1',
          imported: {
            importId: 'f'.repeat(64),
            line: 7,
            uploadedBy: { sub: 'alice', role: 'admin' },
            approvedBy: { sub: 'bob', role: 'admin' },
          },
        },
      });

      const result = await store.append(streamId, [event], 'no-stream');

      const [fromStream] = await store.readStream(streamId);
      const fromAll = (await store.readAll()).find((stored) => stored.id === event.id);
      const expected: Omit<RecordedEvent, 'recordedAt'> = {
        ...event,
        streamId,
        revision: 0,
        position: result.position,
      };
      // The seal is optional in the port (only adapters that seal add it); the adapter's own tests check it.
      expect({ ...fromStream, seal: undefined }).toEqual({
        ...expected,
        recordedAt: expect.any(String) as unknown,
      });
      expect(fromAll).toEqual(fromStream);
    });

    it('records recordedAt as a valid ISO 8601 instant that never decreases with position', async () => {
      const { store } = context;
      const start = await store.headPosition();
      const before = Date.now();
      for (let i = 0; i < 5; i++) await store.append(newStreamId(), newEvents(2), 'no-stream');
      const after = Date.now();

      const all = await store.readAll({ after: start });

      expect(all).toHaveLength(10);
      const instants = all.map((event) => {
        expect(event.recordedAt).toMatch(ISO_INSTANT);
        const instant = Date.parse(event.recordedAt);
        expect(Number.isNaN(instant)).toBe(false);
        return instant;
      });
      for (let i = 1; i < instants.length; i++) expect(instants[i]).toBeGreaterThanOrEqual(instants[i - 1]!);
      // The store's clock may differ a little from the test's; the instant must still be "now".
      expect(instants[0]).toBeGreaterThanOrEqual(before - 60_000);
      expect(instants[instants.length - 1]).toBeLessThanOrEqual(after + 60_000);
    });
  });
}
