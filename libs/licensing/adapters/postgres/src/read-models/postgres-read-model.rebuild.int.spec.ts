import { describeRebuild, ReadModelHarness } from '@licences/licensing-kysely/testing';
import type { PostgresReadModelStore } from './postgres-read-model.store';
import { POSTGRES_READ_MODELS, withClient } from './testing/postgres-read-model.backend';

describeRebuild(POSTGRES_READ_MODELS);

/** PostgreSQL only: what the planner knows of the tables a rebuild swaps in. */
describe('PostgreSQL rebuild: the tables swapped in', () => {
  let h: ReadModelHarness<PostgresReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(POSTGRES_READ_MODELS.openEventStore, POSTGRES_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  it('come with statistics of their rows, so that the first queries after the swap are not planned blind', async () => {
    await h.writeLifecycles();
    const all = await h.events.readAll();
    const { store, db } = await h.openStore();
    await store.project('decision-history', all);
    const analysed = () =>
      withClient(db, async (client) =>
        (
          await client.query<{ tablename: string }>(
            `SELECT DISTINCT tablename FROM pg_stats
             WHERE schemaname = current_schema() AND tablename IN ('decision_history', 'validity_periods')
             ORDER BY tablename`,
          )
        ).rows.map((row) => row.tablename),
      );
    // Tables filled by a projection have none: this server never analyses them by itself.
    expect(await analysed()).toEqual([]);

    await store.startRebuild('decision-history');
    await store.project('decision-history', all, 'rebuild');
    await store.completeRebuild('decision-history', () => Promise.resolve([]));

    expect(await analysed()).toEqual(['decision_history', 'validity_periods']);
  });
});
