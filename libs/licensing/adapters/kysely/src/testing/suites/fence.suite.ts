import { PROJECTION_NAMES, ProjectionFencedOffError } from '@licences/licensing-read-models';
import { lifecyclesPerTest } from './read-model-suite.setup';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

/** The lease fences of projector fail-over: a writer that lost its lease can no longer write. */
export function describeFences(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: fences`, () => {
    const fixture = lifecyclesPerTest(setup);

    it('refuses a write with a lower fence than the stored one, storing nothing of it', async () => {
      const { h, all } = fixture;
      const { store, db } = await h.openStore();
      const [first, rest] = [all.slice(0, 5), all.slice(5)];
      for (const name of PROJECTION_NAMES) {
        expect(await store.fenceOf(name)).toBe(0);
        expect(await store.project(name, first, 'live', 3)).toBe(first.at(-1)!.position);
        expect(await store.fenceOf(name)).toBe(3);
      }
      const before = await h.dumpTables(db);

      for (const name of PROJECTION_NAMES) {
        const refused = store.project(name, rest, 'live', 2);
        await expect(refused).rejects.toThrow(ProjectionFencedOffError);
        await expect(store.project(name, rest, 'live', 2)).rejects.toMatchObject({
          code: 'PROJECTION_FENCED_OFF',
          message: expect.stringMatching(new RegExp(`${name}.*fence 2.*fence 3`)),
        });
        expect(await store.checkpoint(name)).toBe(first.at(-1)!.position);
        expect(await store.fenceOf(name)).toBe(3);
      }
      expect(await h.dumpTables(db)).toEqual(before);

      // The same fence and a higher one are taken; the higher one is stored.
      for (const name of PROJECTION_NAMES) {
        expect(await store.project(name, rest.slice(0, 2), 'live', 3)).toBe(rest[1]!.position);
        expect(await store.project(name, rest.slice(2), 'live', 4)).toBe(all.at(-1)!.position);
        expect(await store.fenceOf(name)).toBe(4);
        // A write without a fence (the embedded projector) is not checked and keeps the fence.
        expect(await store.project(name, all)).toBe(all.at(-1)!.position);
        expect(await store.fenceOf(name)).toBe(4);
      }
      const fresh = await h.projectedFromScratch('fresh');
      expect(await h.dumpTables(db)).toEqual(await h.dumpTables(fresh.db));
    });

    it('refuses even an empty or already applied batch from a fenced-off writer', async () => {
      const { h, all } = fixture;
      const { store } = await h.openStore();
      await store.project('licence-validity', all, 'live', 5);
      await expect(store.project('licence-validity', [], 'live', 4)).rejects.toThrow(
        ProjectionFencedOffError,
      );
      await expect(store.project('licence-validity', all, 'live', 4)).rejects.toThrow(
        ProjectionFencedOffError,
      );
    });

    it('claimFence records a fence, never goes backwards, and shuts out the lower writers at once', async () => {
      const { h, all } = fixture;
      const { store, db } = await h.openStore();
      // A projection that never wrote can be claimed; its checkpoint stays "nothing applied".
      expect(await store.claimFence('statistics', 7)).toBe(true);
      expect(await store.fenceOf('statistics')).toBe(7);
      expect(await store.checkpoint('statistics')).toBe(0);
      expect(await store.claimFence('statistics', 7)).toBe(true);
      expect(await store.claimFence('statistics', 6)).toBe(false);
      expect(await store.fenceOf('statistics')).toBe(7);
      // The other projections are not fenced by it.
      expect(await store.fenceOf('licence-validity')).toBe(0);

      await expect(store.project('statistics', all, 'live', 6)).rejects.toThrow(ProjectionFencedOffError);
      expect(await store.checkpoint('statistics')).toBe(0);
      expect((await h.dumpTables(db))['statistics_facts']).toEqual([]);
      expect(await store.project('statistics', all, 'live', 7)).toBe(all.at(-1)!.position);
      expect(await store.claimFence('statistics', 9)).toBe(true);
      await expect(store.project('statistics', all, 'live', 8)).rejects.toThrow(ProjectionFencedOffError);
      // The claim does not move the checkpoint of a projection that has one.
      expect(await store.checkpoint('statistics')).toBe(all.at(-1)!.position);
    });

    it('refuses a fence that is not a whole number of at least 0', async () => {
      const { h, all } = fixture;
      const { store } = await h.openStore();
      for (const fence of [-1, 1.5, Number.NaN]) {
        await expect(store.claimFence('statistics', fence)).rejects.toThrow(RangeError);
        await expect(store.project('statistics', all, 'live', fence)).rejects.toThrow(RangeError);
      }
      expect(await store.checkpoint('statistics')).toBe(0);
    });

    it('keeps the fence through a rebuild, started, aborted or completed', async () => {
      const { h, all } = fixture;
      const { store } = await h.openStore();
      for (const name of PROJECTION_NAMES) await store.project(name, all, 'live', 11);
      for (const name of PROJECTION_NAMES) {
        await store.startRebuild(name);
        await store.abortRebuild(name);
        expect(await store.fenceOf(name)).toBe(11);
        await store.startRebuild(name);
        await store.project(name, all, 'rebuild');
        await store.completeRebuild(name, () => Promise.resolve([]));
        expect(await store.fenceOf(name)).toBe(11);
        await expect(store.project(name, all, 'live', 10)).rejects.toThrow(ProjectionFencedOffError);
        expect(await store.checkpoint(name)).toBe(all.at(-1)!.position);
      }
    });
  });
}
