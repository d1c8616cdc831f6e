import { describeFences, describeProjection, ReadModelHarness } from '@licences/licensing-kysely/testing';
import { PROJECTION_NAMES, ProjectionFencedOffError } from '@licences/licensing-read-models';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeProjection(SQLITE_READ_MODELS);
describeFences(SQLITE_READ_MODELS);

/** Upgrades of an SQLite file in place; PostgreSQL has versioned migrations instead. */
describe('SqliteReadModelStore on a file from before the fences', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  it('adds the fence column at 0, keeping every checkpoint and row, and fences from then on', async () => {
    await h.writeLifecycles();
    const all = await h.events.readAll();
    const { store, db } = await h.openStore();
    await h.projectAll(store, all.slice(0, 6));
    await store.close();
    await h.execute(db, 'ALTER TABLE projection_checkpoints DROP COLUMN fence');
    const before = await h.dumpTables(db);

    const reopened = (await h.openStore()).store;
    expect(await h.dumpTables(db)).toEqual(before);
    for (const name of PROJECTION_NAMES) {
      expect(await reopened.checkpoint(name)).toBe(all[5]!.position);
      expect(await reopened.fenceOf(name)).toBe(0);
    }
    expect(await reopened.claimFence('statistics', 2)).toBe(true);
    await expect(reopened.project('statistics', all, 'live', 1)).rejects.toThrow(ProjectionFencedOffError);
    expect(await reopened.project('statistics', all, 'live', 2)).toBe(all.at(-1)!.position);
  });
});
