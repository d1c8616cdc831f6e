import type { LicenceCase, LocalDate } from '@licences/licensing-domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the events under test come from the real event store
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { projectStatistics } from '@licences/licensing-read-models';
import type { StatisticsFact } from '@licences/licensing-read-models';
import { ReadModelHarness } from './testing/read-model-harness.fixture';

const ALL_DATES = ['0001-01-01' as LocalDate, '9999-12-31' as LocalDate] as const;

describe('SqliteReadModelStore statistics facts', () => {
  let h: ReadModelHarness;

  beforeEach(async () => {
    h = await ReadModelHarness.create((file, clock) => SqliteEventStore.open({ file, clock }));
  });

  afterEach(() => h.dispose());

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
    expect(await store.statisticsFacts(...ALL_DATES, cut)).toEqual(expected.filter((f) => f.position <= cut));
    const day = facts[0]!.decisionDate;
    expect(await store.statisticsFacts(day, day, head)).toEqual(
      expected.filter((f) => f.decisionDate === day),
    );
  });
});
