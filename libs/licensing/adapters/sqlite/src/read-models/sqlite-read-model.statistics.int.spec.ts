import Database from 'better-sqlite3';
import type { LocalDate } from '@licences/licensing-domain';
import { statistics } from '@licences/licensing-kysely';
import {
  describeStatistics,
  expectedStatisticsFacts,
  ReadModelHarness,
  writeGlobalTemporary,
} from '@licences/licensing-kysely/testing';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

const ALL_DATES = ['0001-01-01' as LocalDate, '9999-12-31' as LocalDate] as const;

describeStatistics(SQLITE_READ_MODELS);

/** Upgrades of an SQLite file in place, and the reading of such rows. */
describe('SqliteReadModelStore statistics facts on an older file', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  it('starts the statistics again on a database written before the classification, so no fact lacks it', async () => {
    await h.writeLifecycles();
    await writeGlobalTemporary(h);
    const { store, db: file } = await h.openStore();
    const all = await h.events.readAll();
    await store.project('statistics', all);
    await store.project('decision-history', all);
    await store.close();
    // The table as it was: no classification columns, one destination per fact.
    const raw = new Database(file);
    try {
      for (const column of [
        'licence_kind',
        'export_type',
        'temporary_purpose',
        'firearms_act',
        'destinations',
        'end_users',
      ])
        raw.exec(`ALTER TABLE statistics_facts DROP COLUMN ${column}`);
      expect(
        (raw.prepare('SELECT count(*) AS n FROM statistics_facts').get() as { n: number }).n,
      ).toBeGreaterThan(0);
    } finally {
      raw.close();
    }

    const reopened = (await h.openStore()).store;
    expect(await reopened.checkpoint('statistics')).toBe(0);
    expect(await reopened.statisticsFacts(...ALL_DATES, all.at(-1)!.position)).toEqual([]);
    // The other projections keep their place.
    expect(await reopened.checkpoint('decision-history')).toBe(all.at(-1)!.position);
    await reopened.project('statistics', all);
    expect(await reopened.statisticsFacts(...ALL_DATES, all.at(-1)!.position)).toEqual(
      await expectedStatisticsFacts(h),
    );
  });

  it("counts every stored fact into the yearly reports' totals on a file written before them", async () => {
    await h.writeLifecycles();
    await writeGlobalTemporary(h);
    const { store, db: file } = await h.openStore();
    const all = await h.events.readAll();
    await h.projectAll(store, all);
    const written = await h.dumpTables(file);
    expect(written['statistics_year_totals']?.length).toBeGreaterThan(0);
    // A statistics rebuild under way when the totals came: its tables have none, so it cannot be kept.
    await store.startRebuild('statistics');
    await store.project('statistics', all.slice(0, 6), 'rebuild');
    expect(await store.checkpoint('statistics', 'rebuild')).toBe(all[5]!.position);
    await store.close();
    // The file as versions before the totals left it.
    await h.execute(file, 'DROP TABLE statistics_year_totals; DROP TABLE statistics_year_totals__rebuild');

    const reopened = (await h.openStore()).store;
    // The totals of every fact, as if the projection had kept them from the first; nothing else moved.
    expect(await h.dumpTables(file)).toEqual(written);
    expect(await reopened.checkpoint('statistics')).toBe(all.at(-1)!.position);
    expect(
      (await h.schemaObjects(file)).filter(
        (o) => o.name.startsWith('statistics_') && o.name.endsWith('__rebuild'),
      ),
    ).toEqual([]);
    expect(await reopened.checkpoint('statistics', 'rebuild')).toBe(0);
  });

  it('reads a row without classification as the upcast case: definitive, no firearms act, one destination', () => {
    const fact = statistics.fromStatisticsRecord({
      position: 4,
      case_id: 'old',
      kind: 'issued',
      decision_date: '2023-05-02' as LocalDate,
      destination: 'NO',
      end_user: 'Forsvaret',
      goods_category: 'military',
      goods: '[]',
      total_value_cents: 0,
      valid_from: '2023-05-02' as LocalDate,
      valid_until: '2026-05-01' as LocalDate,
      rule_months: 36,
      validity_months: 36,
      policy_version: null,
      criteria: '[]',
      outcome: null,
      applied_on: null,
      circumstances: null,
      licence_kind: null,
      export_type: null,
      temporary_purpose: null,
      firearms_act: null,
      destinations: null,
      end_users: null,
    });
    expect(fact).toMatchObject({
      exportType: 'definitive',
      temporaryPurpose: null,
      firearmsAct: false,
      destinations: ['NO'],
      endUsers: ['Forsvaret'],
    });
  });
});
