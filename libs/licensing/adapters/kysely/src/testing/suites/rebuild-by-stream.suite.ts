import type { RecordedEvent } from '@licences/event-store';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { EventReader } from '@licences/licensing-read-models';
import { lifecyclesPerTest } from './read-model-suite.setup';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

/** The events as a stream-ordered read returns them: stream after stream, each in revision order. */
function inStreamOrder(events: readonly RecordedEvent[]): RecordedEvent[] {
  return [...events].sort((x, y) =>
    x.streamId === y.streamId ? x.revision - y.revision : x.streamId < y.streamId ? -1 : 1,
  );
}

function pagesOf<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}

/** A rebuild's stream-ordered pass (ReadModelStore.projectStreams), for every store. */
export function describeRebuildByStream(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: rebuild read stream by stream`, () => {
    const fixture = lifecyclesPerTest(setup);

    const reader: EventReader = async (after, upTo) =>
      (await fixture.h.events.readAll({ after })).filter((e) => e.position <= upTo);

    it('builds, in pages that split cases, the same tables as a projection in global order', async () => {
      const { h, all } = fixture;
      const { store, db: file } = await h.openStore();
      await h.projectAll(store, all);
      // The pass covers the events up to a middle position; the swap catches up on the rest.
      const upTo = all[Math.floor(all.length / 2)]!.position;
      const pages = pagesOf(inStreamOrder(all.filter((e) => e.position <= upTo)), 4);
      // Pages that hold the end of one case and the start of the next, and cases cut by pages.
      expect(pages.some((page) => new Set(page.map((e) => e.streamId)).size > 1)).toBe(true);
      expect(pages.some((page, i) => i > 0 && page[0]!.streamId === pages[i - 1]!.at(-1)!.streamId)).toBe(
        true,
      );
      for (const name of PROJECTION_NAMES) {
        await store.startRebuild(name);
        for (const page of pages.slice(0, -1)) {
          await store.projectStreams(name, page);
          expect(await store.checkpoint(name, 'rebuild')).toBe(0);
        }
        await store.projectStreams(name, pages.at(-1)!, upTo);
        expect(await store.checkpoint(name, 'rebuild')).toBe(upTo);
        expect(await store.completeRebuild(name, reader)).toBe(all.at(-1)!.position);
      }

      const fresh = await h.projectedFromScratch('fresh');
      expect(await h.dumpTables(file)).toEqual(await h.dumpTables(fresh.db));
    });

    it('ends the pass with an empty last page as well', async () => {
      const { h, all } = fixture;
      const { store, db: file } = await h.openStore();
      const head = all.at(-1)!.position;
      for (const name of PROJECTION_NAMES) {
        await store.startRebuild(name);
        await store.projectStreams(name, inStreamOrder(all));
        await store.projectStreams(name, [], head);
        expect(await store.completeRebuild(name, reader)).toBe(head);
      }

      expect(await h.dumpTables(file)).toEqual(
        await h.dumpTables((await h.projectedFromScratch('fresh')).db),
      );
    });

    it('refuses pages out of stream order, after the end, past the pass or without a rebuild', async () => {
      const { h, all } = fixture;
      const { store } = await h.openStore();
      const name = 'licence-validity';
      const head = all.at(-1)!.position;
      await expect(store.projectStreams(name, inStreamOrder(all))).rejects.toThrow(
        `No rebuild of ${name} was started`,
      );
      await store.startRebuild(name);
      // Global order interleaves the cases: a case would come back after another.
      await expect(store.projectStreams(name, all)).rejects.toThrow(/comes back after other streams/);
      const [first, second] = inStreamOrder(all);
      await expect(store.projectStreams(name, [second!, first!])).rejects.toThrow(
        /in stream order: revision/,
      );
      await expect(store.projectStreams(name, inStreamOrder(all), head - 1)).rejects.toThrow(
        /lies after the pass's end/,
      );
      await expect(store.projectStreams(name, [], -1)).rejects.toThrow(RangeError);
      expect(await store.checkpoint(name, 'rebuild')).toBe(0);

      // Nothing of the refused pages was stored: a whole pass still comes out right.
      await store.projectStreams(name, inStreamOrder(all), head);
      await expect(store.projectStreams(name, [])).rejects.toThrow(/stream pass of the rebuild .* is over/);
      expect(await store.completeRebuild(name, reader)).toBe(head);
      const fresh = await h.projectedFromScratch('fresh');
      const caseIds = [...new Set(all.map((e) => e.streamId.replace(/^licence-/, '')))];
      for (const caseId of caseIds) {
        expect(await store.findValidity(caseId)).toEqual(await fresh.store.findValidity(caseId));
      }
    });
  });
}
