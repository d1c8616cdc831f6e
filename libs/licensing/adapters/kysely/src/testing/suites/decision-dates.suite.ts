import type { DecisionKey, ReadModelStore } from '@licences/licensing-read-models';
import { A, B, C, ReadModelHarness } from '../read-model-harness.fixture';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

/** The reads of a period through the index of decision dates, on the lifecycle scenario. */
export function describeDecisionDates(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: decisions of a period`, () => {
    let h: ReadModelHarness;
    let store: ReadModelStore;
    /** Every history row's key, in the order a period lists them. */
    let everything: DecisionKey[];

    beforeEach(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
      await h.writeLifecycles();
      store = (await h.openStore()).store;
      await h.projectAll(store, await h.events.readAll());
      const histories = await store.historyOf([A, B, C]);
      everything = [...histories.values()]
        .flat()
        .map(({ decisionDate, caseId, revision }) => ({ decisionDate, caseId, revision }))
        .sort(
          (x, y) =>
            x.decisionDate.localeCompare(y.decisionDate) ||
            x.caseId.localeCompare(y.caseId) ||
            x.revision - y.revision,
        );
    });

    afterEach(() => h.dispose());

    const between = (from: string, to: string) =>
      everything.filter((k) => from <= k.decisionDate && k.decisionDate <= to);
    const period = (from: string, to: string) =>
      ({ from, to }) as Parameters<ReadModelStore['decisionKeysBetween']>[0];

    it('reads the keys of a period in order, in chunks that continue where the last one ended', async () => {
      expect(everything.length).toBeGreaterThan(10);
      const year = period('2025-01-01', '2025-12-31');
      expect(await store.decisionKeysBetween(year, undefined, 100)).toEqual(
        between('2025-01-01', '2025-12-31'),
      );
      const chunks: DecisionKey[] = [];
      for (let chunk = await store.decisionKeysBetween(period('1900-01-01', '2999-12-31'), undefined, 2); ;) {
        chunks.push(...chunk);
        if (chunk.length < 2) break;
        chunk = await store.decisionKeysBetween(period('1900-01-01', '2999-12-31'), chunk.at(-1), 2);
      }
      expect(chunks).toEqual(everything);
      expect(await store.decisionKeysBetween(period('2030-01-01', '2030-12-31'), undefined, 10)).toEqual([]);
    });

    it('cuts a page of a period and counts the whole period, with the position of its last row', async () => {
      const all = period('1900-01-01', '2999-12-31');
      const page = await store.decisionPageBetween(all, { offset: 3, limit: 4 });
      expect(page.keys).toEqual(everything.slice(3, 7));
      expect(page.total).toBe(everything.length);
      expect(page.lastPosition).toBe(await store.checkpoint('decision-history'));
      expect(
        await store.decisionPageBetween(period('2030-01-01', '2030-12-31'), { offset: 0, limit: 5 }),
      ).toEqual({
        keys: [],
        total: 0,
        lastPosition: 0,
      });
    });

    it('lists the cases with a decision in a period, of given types only when asked, by case id', async () => {
      const all = period('1900-01-01', '2999-12-31');
      expect(await store.casesDecidedBetween(all, undefined, 10)).toEqual([A, B, C].sort());
      expect(await store.casesDecidedBetween(all, [A, B, C].sort()[0], 1)).toEqual([[A, B, C].sort()[1]]);
      const issued = { ...period('2024-01-01', '2024-12-31'), types: ['Issued'] as const };
      expect(await store.casesDecidedBetween(issued, undefined, 10)).toEqual([A, B].sort());
      expect(await store.casesDecidedBetween({ ...issued, types: [] }, undefined, 10)).toEqual([]);
      expect(await store.casesDecidedBetween(period('2026-02-10', '2026-02-10'), undefined, 10)).toEqual([C]);
    });
  });
}
