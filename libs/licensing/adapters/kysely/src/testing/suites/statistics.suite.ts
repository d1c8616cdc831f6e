import type { LicenceCase, LocalDate } from '@licences/licensing-domain';
import { LISTED_FACT_FIELDS, projectStatistics } from '@licences/licensing-read-models';
import type {
  ListedStatisticsFact,
  ReadModelStore,
  StatisticsFact,
  StatisticsFactSelection,
} from '@licences/licensing-read-models';
import {
  details,
  goods,
  hold,
  issue,
  register,
  reinstate,
  release,
  suspend,
  SUPERVISOR,
} from '../licence-events.fixture';
import { ReadModelHarness } from '../read-model-harness.fixture';
import type { ReadModelSuiteSetup } from './read-model-suite.setup';

const ALL_DATES = ['0001-01-01' as LocalDate, '9999-12-31' as LocalDate] as const;

/** The facts the pure projection gives for every event stored in the harness. */
export async function expectedStatisticsFacts(
  h: ReadModelHarness<ReadModelStore>,
): Promise<StatisticsFact[]> {
  const states = new Map<string, LicenceCase>();
  const expected: StatisticsFact[] = [];
  for (const event of await h.events.readAll()) {
    const step = projectStatistics(states.get(event.streamId), event);
    if (!step) continue;
    states.set(event.streamId, step.state);
    if (step.fact) expected.push(step.fact);
  }
  return expected;
}

/** A temporary global licence to two destinations, partly under the firearms act. */
export async function writeGlobalTemporary(h: ReadModelHarness<ReadModelStore>): Promise<void> {
  const globalCase = details({
    kind: 'global',
    exportType: 'temporary',
    temporaryPurpose: 'repair',
    firearmsAct: true,
    goods: goods('ML1.a'),
    destinations: [
      { country: 'NO', endUser: 'Forsvaret' },
      { country: 'BE', endUser: 'Defensie' },
    ],
  });
  await h.writer.decide('case-g', register('case-g', globalCase), '2024-03-01T12:00:00Z');
  await h.writer.decide('case-g', issue(), '2024-03-11T12:00:00Z', SUPERVISOR);
}

export function describeStatistics(setup: ReadModelSuiteSetup): void {
  describe(`${setup.label} read-model store: statistics facts`, () => {
    let h: ReadModelHarness;

    beforeEach(async () => {
      h = await ReadModelHarness.create(setup.openEventStore, setup.backend);
    });

    afterEach(() => h.dispose());

    it("stores each fact's licence kind, export type, firearms act and every destination", async () => {
      await writeGlobalTemporary(h);
      const { store } = await h.openStore();
      const all = await h.events.readAll();
      await store.project('statistics', all);
      const facts = await store.statisticsFacts(...ALL_DATES, all.at(-1)!.position);
      expect(facts).toEqual(await expectedStatisticsFacts(h));
      expect(facts.find((f) => f.kind === 'issued')).toMatchObject({
        licenceKind: 'global',
        exportType: 'temporary',
        temporaryPurpose: 'repair',
        firearmsAct: true,
        destinations: ['NO', 'BE'],
        endUsers: ['Forsvaret', 'Defensie'],
      });
    });

    it("reads a year's report counts from its totals less the later facts, and refuses totals that miss one", async () => {
      await writeGlobalTemporary(h);
      const { store, db } = await h.openStore();
      const all = await h.events.readAll();
      await store.project('statistics', all);
      const year = ['2024-01-01' as LocalDate, '2024-12-31' as LocalDate] as const;
      const head = all.at(-1)!.position;
      // The issue is the last event: at the head the year counts it, just before it nothing.
      const atHead = await store.militaryDecisionTotals(...year, head);
      expect(atHead.decisions).toContainEqual(
        expect.objectContaining({ level: 'overall', kind: 'issued', licenceKind: 'global', decisions: 1 }),
      );
      expect(await store.militaryDecisionTotals(...year, head - 1)).toEqual({ decisions: [], criteria: [] });
      expect((await store.yearlyOverviewTotals(...year, head - 1)).counts).toEqual(
        (await store.yearlyOverviewTotals(year[0], '2024-12-30' as LocalDate, head - 1)).counts,
      );
      // Totals that lost the issue cannot have the later fact taken off: the report is refused.
      await h.execute(db, 'DELETE FROM statistics_year_totals');
      await expect(store.militaryDecisionTotals(...year, head - 1)).rejects.toThrow(
        'The eu-annual totals of 2024 miss facts written after',
      );
    });

    it('stores exactly the facts the pure projection gives, ordered by position and cut at a position', async () => {
      await h.writeLifecycles();
      const { store } = await h.openStore();
      const all = await h.events.readAll();
      // Two batches, so that a case's working state has to survive between them.
      await store.project('statistics', all.slice(0, 5));
      await store.project('statistics', all.slice(5));

      const states = new Map<string, LicenceCase>();
      const expected: StatisticsFact[] = [];
      for (const event of all) {
        const step = projectStatistics(states.get(event.streamId), event);
        if (!step) continue;
        states.set(event.streamId, step.state);
        if (step.fact) expected.push(step.fact);
      }
      const head = all.at(-1)!.position;
      const facts = await store.statisticsFacts(...ALL_DATES, head);
      expect(facts).toEqual(expected);
      expect(facts.map((f) => f.kind)).toEqual(expect.arrayContaining(['applied', 'issued', 'revoked']));
      expect(facts.every((f) => Number.isInteger(f.totalValueCents))).toBe(true);

      const cut = facts[2]!.position;
      expect(await store.statisticsFacts(...ALL_DATES, cut)).toEqual(
        expected.filter((f) => f.position <= cut),
      );
      const day = facts[0]!.decisionDate;
      expect(await store.statisticsFacts(day, day, head)).toEqual(
        expected.filter((f) => f.decisionDate === day),
      );
    });

    it('stores holds, releases, reassessments with their outcome, suspensions and reinstatements as their own facts', async () => {
      await h.writer.decide('case-h', register('case-h', details()), '2024-03-01T12:00:00Z');
      await h.writer.decide('case-h', hold(), '2024-03-04T12:00:00Z');
      await h.writer.decide('case-h', release(), '2024-03-18T12:00:00Z');
      await h.writer.decide('case-h', issue(), '2024-03-20T12:00:00Z', SUPERVISOR);
      const reassessment = {
        summary: 'Reassessed',
        findings: [{ criterion: 2 as const, finding: 'No change' }],
      };
      await h.writer.decide(
        'case-h',
        { type: 'ReassessLicence', assessment: reassessment, outcome: 'maintained' },
        '2024-06-03T12:00:00Z',
      );
      await h.writer.decide('case-h', suspend('2024-07-01'), '2024-07-02T12:00:00Z', SUPERVISOR);
      await h.writer.decide('case-h', reinstate(), '2024-08-01T12:00:00Z', SUPERVISOR);
      const { store } = await h.openStore();
      const all = await h.events.readAll();
      // In two batches, so that the hold and the suspension live in the stored working state between them.
      await store.project('statistics', all.slice(0, 2));
      await store.project('statistics', all.slice(2));
      const facts = await store.statisticsFacts(...ALL_DATES, all.at(-1)!.position);
      expect(facts).toEqual(await expectedStatisticsFacts(h));
      expect(facts.map((f) => [f.kind, f.decisionDate, f.outcome])).toEqual([
        ['applied', '2024-03-01', null],
        ['held', '2024-03-04', null],
        ['released', '2024-03-18', null],
        ['issued', '2024-03-20', null],
        ['reassessed', '2024-06-03', 'maintained'],
        ['suspended', '2024-07-02', null],
        ['reinstated', '2024-08-01', null],
      ]);
    });

    it('pages the selected facts in decision-date order, cut at a position, and names their destinations', async () => {
      await h.writeLifecycles();
      await writeGlobalTemporary(h);
      const { store } = await h.openStore();
      const all = await h.events.readAll();
      await store.project('statistics', all);
      const head = all.at(-1)!.position;
      const byDate = (a: StatisticsFact, b: StatisticsFact) =>
        a.decisionDate < b.decisionDate ? -1 : a.decisionDate > b.decisionDate ? 1 : a.position - b.position;
      const pagesOf = async (selection: StatisticsFactSelection, upTo: number, limit: number) => {
        const pages: ListedStatisticsFact[][] = [];
        for (let after: ListedStatisticsFact | undefined; ;) {
          const page = await store.statisticsFactPage(...ALL_DATES, upTo, selection, after, limit);
          if (page.length > 0) pages.push(page);
          if (page.length < limit) return pages;
          after = page.at(-1);
        }
      };
      const expected = await expectedStatisticsFacts(h);
      // A page holds the listed fields of each fact, and nothing else.
      const listedPart = (fact: StatisticsFact): ListedStatisticsFact =>
        Object.fromEntries(LISTED_FACT_FIELDS.map((field) => [field, fact[field]])) as ListedStatisticsFact;

      const listed = expected.filter((f) => f.kind === 'issued' || f.kind === 'denied').sort(byDate);
      expect(listed.length).toBeGreaterThan(2);
      const pages = await pagesOf({ kinds: ['issued', 'denied'] }, head, 2);
      expect(pages.map((p) => p.length).slice(0, -1)).toEqual(pages.slice(0, -1).map(() => 2));
      expect(pages.flat()).toStrictEqual(listed.map(listedPart));

      const military = await pagesOf({ kinds: ['issued'], goodsCategory: 'military' }, head, 100);
      expect(military.flat()).toStrictEqual(
        expected
          .filter((f) => f.kind === 'issued' && f.goodsCategory === 'military')
          .sort(byDate)
          .map(listedPart),
      );
      const cut = listed[1]!.position;
      expect((await pagesOf({ kinds: ['issued', 'denied'] }, cut, 100)).flat()).toStrictEqual(
        listed.filter((f) => f.position <= cut).map(listedPart),
      );
      expect(await store.statisticsFactPage(...ALL_DATES, head, { kinds: [] }, undefined, 10)).toEqual([]);

      const codes = [...new Set(listed.flatMap((f) => f.destinations))].sort();
      expect(codes).toEqual(expect.arrayContaining(['BE', 'NO']));
      expect(
        await store.statisticsFactDestinations(...ALL_DATES, head, { kinds: ['issued', 'denied'] }),
      ).toEqual(codes);
      expect(await store.statisticsFactDestinations(...ALL_DATES, head, { kinds: [] })).toEqual([]);
    });
  });
}
