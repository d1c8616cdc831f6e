import { localDate } from '@licences/licensing-domain';
import {
  describeQueries,
  issue,
  PERIODS_BEFORE_REGISTRATION_SQL,
  ReadModelHarness,
  register,
} from '@licences/licensing-kysely/testing';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeQueries(SQLITE_READ_MODELS);

/** Upgrades of an SQLite file in place; PostgreSQL has versioned migrations instead. */
describe('SqliteReadModelStore queries on an older file', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  const at = (date: string) => `${date}T12:00:00Z`;

  it('answers from a database written when a case had one destination, without a rebuild', async () => {
    await h.writer.decide('old-1', register('old-1'), at('2024-03-01'));
    const first = await h.openStore('old.sqlite');
    await h.projectAll(first.store, await h.events.readAll());
    const periodsBefore = (await h.dumpTables(first.db))['validity_periods'];
    // The tables and stored states as they were before cases had several destinations, and before
    // the periods held their case's registration.
    await h.execute(
      first.db,
      `DROP TABLE licence_validity_destinations;
       DROP INDEX licence_validity_destination_case_idx;
       ${PERIODS_BEFORE_REGISTRATION_SQL}
       CREATE INDEX licence_validity_destination_idx ON licence_validity (destination_country);
       ALTER TABLE revocation_justification DROP COLUMN destinations;
       UPDATE licence_validity SET state = json_remove(
         json_set(state, '$.details.destination', json_extract(state, '$.details.destinations[0]')),
         '$.details.destinations', '$.details.exportType', '$.details.firearmsAct');`,
    );
    const { store } = await h.openStore('old.sqlite');
    // The index of first destinations gave way to the one that also holds the case id; the periods
    // got their case's registration back from the stored history, and the indexes that hold it.
    expect(
      (await h.schemaObjects(first.db))
        .map((o) => o.name)
        .filter((name) => /^(licence_validity_destination_|validity_periods_)/.test(name))
        .sort(),
    ).toEqual([
      'licence_validity_destination_case_idx',
      'validity_periods_case_bounds_idx',
      'validity_periods_case_idx',
      'validity_periods_recorded_order_idx',
      'validity_periods_registered_cases_idx',
      'validity_periods_status_order_idx',
      'validity_periods_valid_order_idx',
    ]);
    expect(periodsBefore?.length).toBeGreaterThan(0);
    expect((await h.dumpTables(first.db))['validity_periods']).toEqual(periodsBefore);
    const today = localDate('2024-06-01');
    expect((await store.listValidity({ destination: 'DE' }, today, { offset: 0, limit: 10 })).total).toBe(1);
    expect(await store.findValidity('old-1')).toMatchObject({
      destinationCountries: ['DE'],
      state: {
        details: { destinations: [{ country: 'DE', endUser: 'Bundeswehr' }], exportType: 'definitive' },
      },
    });
    // A later decision builds on the old state and the case is still found by its destination.
    await h.writer.decide('old-1', issue(), at('2024-03-05'));
    await h.projectAll(store, await h.events.readAll());
    expect(
      await store.listValidity({ destination: 'DE', status: 'issued' }, today, { offset: 0, limit: 10 }),
    ).toMatchObject({
      total: 1,
      rows: [{ caseId: 'old-1', ruleId: 'allies', destinationCountries: ['DE'] }],
    });
    // At a point in time too, whichever way the listing reads the periods: by their range (valid
    // on a date, a status) with the candidates as a set, or case by case (as of an instant).
    const page = { offset: 0, limit: 10 };
    for (const at of [
      { validOn: localDate('2024-04-01') },
      { asOf: '2024-03-06T00:00:00Z' },
      { asOf: '2024-03-06T00:00:00Z', validOn: localDate('2024-04-01') },
    ]) {
      expect(await store.listCasesAt({ destination: 'DE' }, at, today, page)).toEqual({
        caseIds: ['old-1'],
        total: 1,
      });
      expect(await store.listCasesAt({ destination: 'FR' }, at, today, page)).toEqual({
        caseIds: [],
        total: 0,
      });
    }
    expect(await store.listCasesAt({ destination: 'DE', status: 'issued' }, {}, today, page)).toEqual({
      caseIds: ['old-1'],
      total: 1,
    });
  });
});
