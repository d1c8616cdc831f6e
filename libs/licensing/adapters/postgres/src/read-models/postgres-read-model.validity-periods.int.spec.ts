import { localDate } from '@licences/licensing-domain';
import { describeValidityPeriods, ReadModelHarness } from '@licences/licensing-kysely/testing';
import type { PostgresReadModelStore } from './postgres-read-model.store';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

describeValidityPeriods(POSTGRES_READ_MODELS);

describe('PostgresReadModelStore validity periods on a database migrated before them', () => {
  let h: ReadModelHarness<PostgresReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(POSTGRES_READ_MODELS.openEventStore, POSTGRES_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  it('migration 004 fills them from the stored history, keeping the history and its checkpoint', async () => {
    await h.writeLifecycles();
    const { store, db } = await h.openStore();
    await h.projectAll(store, await h.events.readAll());
    const projected = await h.dumpTables(db);
    const checkpoint = await store.checkpoint('decision-history');
    await store.close();
    // The database as version 003 left it: no periods, and 004 not yet run.
    await h.execute(
      db,
      `DROP TABLE validity_periods;
       DELETE FROM read_model_migrations WHERE name = '2026-12-01-004-validity-periods'`,
    );

    const { store: reopened } = await h.openStore();

    expect(await h.dumpTables(db)).toEqual(projected);
    expect(await reopened.checkpoint('decision-history')).toBe(checkpoint);
    const page = await reopened.listCasesAt(
      {},
      { validOn: localDate('2025-01-01') },
      localDate('2025-01-01'),
      {
        offset: 0,
        limit: 10,
      },
    );
    expect(page).toEqual({ caseIds: ['case-a', 'case-b'], total: 2 });
  });
});
