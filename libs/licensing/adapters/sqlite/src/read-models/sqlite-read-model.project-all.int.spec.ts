import { ReadModelHarness } from '@licences/licensing-kysely/testing';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

const withoutCheckpoints = (dump: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(dump).filter(([table]) => table !== 'projection_checkpoints'));

describe('SqliteReadModelStore.projectAll', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
    await h.writeLifecycles();
  });

  afterEach(() => h.dispose());

  it('stores the rows and checkpoints that projecting each projection on its own stores', async () => {
    const all = await h.events.readAll();
    const apart = await h.openStore('apart');
    await h.projectAll(apart.store, all.slice(0, 7));
    await h.projectAll(apart.store, all.slice(7));
    const together = await h.openStore('together');
    // Statistics behind the others: each projection applies only what its own checkpoint lacks.
    await together.store.projectAll(
      PROJECTION_NAMES.filter((name) => name !== 'statistics'),
      all.slice(0, 7),
    );
    const checkpoints = await together.store.projectAll(PROJECTION_NAMES, all);

    expect(withoutCheckpoints(await h.dumpTables(together.db))).toEqual(
      withoutCheckpoints(await h.dumpTables(apart.db)),
    );
    for (const name of PROJECTION_NAMES) {
      expect(checkpoints.get(name)).toBe(all.at(-1)!.position);
      expect(await together.store.checkpoint(name)).toBe(all.at(-1)!.position);
    }
  });
});
