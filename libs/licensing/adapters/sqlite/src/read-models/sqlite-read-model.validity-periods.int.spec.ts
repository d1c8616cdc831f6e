import {
  describeValidityPeriods,
  describeValidityPeriodsUpgrade,
  ReadModelHarness,
} from '@licences/licensing-kysely/testing';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeValidityPeriods(SQLITE_READ_MODELS);
describeValidityPeriodsUpgrade(SQLITE_READ_MODELS, 'DROP TABLE validity_periods');

/** An SQLite file is upgraded in place on open; PostgreSQL has migration 004 instead. */
describe('SqliteReadModelStore validity periods on a file projected before them', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  it('drops a rebuild of the history begun before them, which could not be swapped in', async () => {
    await h.writeLifecycles();
    const { store, db } = await h.openStore();
    await h.projectAll(store, await h.events.readAll());
    await store.startRebuild('decision-history');
    await store.close();
    await h.execute(db, 'DROP TABLE validity_periods; DROP TABLE validity_periods__rebuild');

    const { store: reopened } = await h.openStore();

    expect(await reopened.checkpoint('decision-history', 'rebuild')).toBe(0);
    expect(await h.tableNames(db)).not.toContain('decision_history__rebuild');
    await reopened.startRebuild('decision-history');
    await reopened.project('decision-history', await h.events.readAll(), 'rebuild');
    await reopened.completeRebuild('decision-history', () => Promise.resolve([]));
    expect((await h.dumpTables(db))['validity_periods']?.length).toBeGreaterThan(0);
  });
});
