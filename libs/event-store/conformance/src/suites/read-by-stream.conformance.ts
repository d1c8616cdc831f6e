import type { RecordedEvent } from '@licences/event-store';
import { idsOf, newEvents, newStreamId } from '../event-store.fixtures';
import type { ConformanceContext } from './conformance-context';

/** Every event up to `upTo`, read in pages of `maxCount` by following each page's last event. */
async function readAllPages(context: ConformanceContext, upTo: number, maxCount: number) {
  const read = context.store.readAllByStream!.bind(context.store);
  const pages: RecordedEvent[][] = [];
  let page = await read({ upTo, maxCount });
  while (page.length > 0) {
    pages.push(page);
    const last = page[page.length - 1]!;
    page = await read({ upTo, maxCount, after: { streamId: last.streamId, revision: last.revision } });
  }
  return pages;
}

/** The optional stream-ordered read, for the adapters that offer it. */
export function describeReadAllByStream(context: ConformanceContext, offered: boolean): void {
  if (!offered) {
    it('does not offer readAllByStream, so rebuilds read it in global order', () => {
      expect('readAllByStream' in context.store).toBe(false);
    });
    return;
  }

  describe('readAllByStream', () => {
    it('reads each stream whole and in revision order, stream after stream, up to upTo, in pages', async () => {
      const { store } = context;
      const tag = newStreamId('by-stream');
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => `${tag}-${name}`) as [
        string,
        string,
        string,
        string,
      ];
      const appended = new Map<string, string[]>();
      const append = async (streamId: string, count: number) => {
        const events = newEvents(count);
        await store.append(streamId, events, 'any');
        appended.set(streamId, [...(appended.get(streamId) ?? []), ...idsOf(events)]);
      };
      // Interleaved, so that global order and stream order differ.
      await append(c, 1);
      await append(a, 2);
      await append(b, 1);
      await append(c, 2);
      await append(a, 1);
      const upTo = await store.headPosition();
      // After upTo: later events of a stream read before, and a stream of its own.
      await append(a, 1);
      await append(d, 1);
      await append(b, 1);

      const pages = await readAllPages(context, upTo, 2);
      const ours = pages.flat().filter((event) => event.streamId.startsWith(tag));

      expect(pages.every((page) => page.length <= 2)).toBe(true);
      expect(ours.map((event) => event.streamId)).toEqual([a, a, a, b, c, c, c]);
      expect(idsOf(ours)).toEqual([
        ...appended.get(a)!.slice(0, 3),
        ...appended.get(b)!.slice(0, 1),
        ...appended.get(c)!,
      ]);
      expect(ours.map((event) => event.revision)).toEqual([0, 1, 2, 0, 0, 1, 2]);
      expect(pages.flat().every((event) => event.position <= upTo)).toBe(true);
      // Read in one go, the same events come in the same order.
      expect(idsOf(await store.readAllByStream!({ upTo }))).toEqual(idsOf(pages.flat()));
    });

    it('reads every event of a store once, stream by stream, whatever the page size', async () => {
      const { store } = context;
      const tag = newStreamId('by-stream-all');
      for (let i = 0; i < 7; i++) await store.append(`${tag}-${i % 3}`, newEvents(1 + (i % 2)), 'any');
      const upTo = await store.headPosition();
      const all = (await store.readAll()).filter((event) => event.position <= upTo);

      for (const size of [1, 3, 1000]) {
        const read = (await readAllPages(context, upTo, size)).flat();
        expect([...idsOf(read)].sort()).toEqual([...idsOf(all)].sort());
        const seen = new Set<string>();
        read.forEach((event, i) => {
          const previous = read[i - 1];
          if (previous?.streamId === event.streamId) expect(event.revision).toBe(previous.revision + 1);
          else expect(seen.has(event.streamId)).toBe(false);
          seen.add(event.streamId);
        });
      }
    });

    it('reads nothing up to position 0', async () => {
      await context.store.append(newStreamId(), newEvents(2), 'no-stream');

      expect(await context.store.readAllByStream!({ upTo: 0 })).toEqual([]);
    });

    it('refuses a negative bound or count and a cursor without a stream', async () => {
      const read = context.store.readAllByStream!.bind(context.store);

      await expect(read({ upTo: -1 })).rejects.toThrow(RangeError);
      await expect(read({ upTo: 10, maxCount: 1.5 })).rejects.toThrow(RangeError);
      await expect(read({ upTo: 10, after: { streamId: '', revision: 0 } })).rejects.toThrow(RangeError);
      await expect(read({ upTo: 10, after: { streamId: 'x', revision: -1 } })).rejects.toThrow(RangeError);
    });
  });
}
